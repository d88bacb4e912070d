namespace Volara.Runtime.Engine.Scheduling;

/// <summary>
/// A task's block counters at one instant (daisy's TaskState). <see cref="Completed"/> includes
/// <see cref="Skipped"/>; <see cref="Pending"/> are blocks still waiting for dependencies.
/// </summary>
public readonly record struct TaskState(
    string TaskName,
    long Total,
    long Ready,
    long Processing,
    long Completed,
    long Skipped,
    long Failed,
    long Orphaned,
    bool Started)
{
    public long Pending => Total - (Ready + Processing + Completed + Failed + Orphaned);

    /// <summary>No block will run any more (completed, failed or orphaned) — which is not the same as success.</summary>
    public bool IsDone => Total - Completed - Failed - Orphaned == 0;

    /// <summary>Every block completed.</summary>
    public bool Succeeded => Completed == Total;

    public override string ToString() =>
        $"Started: {Started}\nTotal Blocks: {Total}\nReady: {Ready}\nProcessing: {Processing}\nPending: {Pending}\n" +
        $"Completed: {Completed}\nSkipped: {Skipped}\nFailed: {Failed}\nOrphaned: {Orphaned}";
}
