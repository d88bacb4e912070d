namespace Volara.Runtime.Engine.Scheduling;

/// <summary>Where one block stands in the scheduler (one byte per block).</summary>
internal enum BlockState : byte
{
    /// <summary>Never looked at: no upstream block finished yet.</summary>
    Untouched,

    /// <summary>Some upstream blocks finished; the rest are counted in the remaining-dependencies array.</summary>
    Waiting,
    Ready,
    Processing,
    Completed,
    Failed,
    Orphaned,
}
