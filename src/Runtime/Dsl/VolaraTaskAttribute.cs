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

    /// <summary>
    /// Each worker reads its next block's inputs and writes its previous block's outputs while Process runs, with three
    /// sets of block buffers (<see cref="Engine.Execution.BlockPipeline"/>). For a task whose Process leaves the cores
    /// idle part of the time — a model on a GPU, a library with few threads; reading and writing are processor work on
    /// the same cores as Process. Outputs Process writes itself (a list output) overlap only through a worker state that
    /// implements <see cref="IPendingWrites"/>.
    /// </summary>
    public bool OverlapIo { get; init; }
}
