namespace Volara.Runtime.Engine;

/// <summary>How a task's blocks are executed.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Workers (threads or processes) for this task.</summary>
    public int NumWorkers { get; init; } = 1;

    /// <summary>A block may fail this many times and be retried; the next failure is permanent.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>A block running longer than this is failed (and its worker replaced); null = no limit.</summary>
    public TimeSpan? BlockTimeout { get; init; }
}
