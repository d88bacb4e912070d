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

    public static TaskResult From(TaskState state, IReadOnlyList<FailureRecord> failures) =>
        new(state.TaskName, state.Total, state.Completed, state.Skipped, state.Failed, state.Orphaned, failures);
}
