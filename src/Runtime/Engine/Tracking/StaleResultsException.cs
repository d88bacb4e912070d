namespace Volara.Runtime.Engine.Tracking;

/// <summary>Tasks have blocks marked done that no longer stand (another configuration, outputs gone).</summary>
public sealed class StaleResultsException : Exception
{
    public StaleResultsException(IReadOnlyList<(string Task, string Problem)> problems)
        : base(string.Join("; ", problems.Select(p => p.Problem)) + ". Drop these tasks (and the tasks after them) to run them again")
    {
        Problems = problems;
    }

    /// <summary>Each stale task with one sentence per cause.</summary>
    public IReadOnlyList<(string Task, string Problem)> Problems { get; }

    /// <summary>The stale tasks, each once, in the order found.</summary>
    public IReadOnlyList<string> Tasks => [.. Problems.Select(p => p.Task).Distinct()];
}
