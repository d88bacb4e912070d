using Volara.Runtime.Engine.Scheduling;

namespace Volara.Runtime.Engine.Running;

/// <summary>How one task of a run ended. <see cref="Completed"/> includes <see cref="Skipped"/> blocks.</summary>
public sealed record TaskResult(
    string Name,
    long Total,
    long Completed,
    long Skipped,
    long Failed,
    long Orphaned,
    IReadOnlyList<FailureRecord> Failures)
{
    /// <summary>Every block completed.</summary>
    public bool Succeeded => Completed == Total;

    /// <summary>
    /// The highest peak resident memory of a worker process of this task (for threads and serial runs: of the
    /// driver's process), in bytes; null when no block ran.
    /// </summary>
    public long? PeakWorkerMemoryBytes { get; init; }

    public static TaskResult From(TaskState state, IReadOnlyList<FailureRecord> failures, long? peakWorkerMemoryBytes = null) =>
        new(state.TaskName, state.Total, state.Completed, state.Skipped, state.Failed, state.Orphaned, failures)
        {
            PeakWorkerMemoryBytes = peakWorkerMemoryBytes,
        };
}
