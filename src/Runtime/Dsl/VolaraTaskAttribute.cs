using Volara.Runtime.Engine;

namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a <c>partial</c> class as a DSL task. The source generator completes it into a serialisable
/// blockwise task whose configuration carries <c>task_type</c> = <see cref="TaskType"/>; the task is named
/// <c>{first output}-{task type}</c> unless the class declares its own <c>Name</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class VolaraTaskAttribute(string taskType) : Attribute
{
    public string TaskType { get; } = taskType;

    /// <summary>
    /// volara's <c>read_write_conflict</c>: blocks whose read ROI overlaps another block's write ROI never run at the
    /// same time (the engine runs them in levels). Needed by a task that reads what it writes.
    /// </summary>
    public bool ReadWriteConflict { get; init; }

    /// <summary>
    /// One block covering the whole write ROI (volara's GraphMWS): no <c>[BlockSize]</c> is needed (one given only sets
    /// the output chunks), and a task without inputs takes its write ROI from its <c>[WriteRoi]</c>, which it then needs.
    /// </summary>
    public bool WholeRoi { get; init; }

    /// <summary>
    /// How blocks meet the border of the write ROI: <see cref="BlockFit.Shrink"/> (default) clips border blocks,
    /// <see cref="BlockFit.Overhang"/> keeps them whole (for a task whose blocks must keep one shape, e.g. a model's
    /// output shape; its outputs crop what lies outside), <see cref="BlockFit.Valid"/> drops them. Whole-volume tasks ignore it.
    /// </summary>
    public BlockFit Fit { get; init; } = BlockFit.Shrink;
}
