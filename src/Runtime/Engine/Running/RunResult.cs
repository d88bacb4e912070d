namespace Volara.Runtime.Engine.Running;

/// <summary>The outcome of a run: per-task counts and the Execution Summary text.</summary>
public sealed record RunResult(IReadOnlyList<TaskResult> Tasks, string Summary)
{
    /// <summary>False when any block failed or was orphaned (or did not run).</summary>
    public bool Succeeded => Tasks.All(t => t.Succeeded);

    public TaskResult this[string taskName] =>
        Tasks.FirstOrDefault(t => t.Name == taskName) ?? throw new KeyNotFoundException($"the run has no task named '{taskName}'");
}
