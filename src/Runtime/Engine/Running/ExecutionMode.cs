namespace Volara.Runtime.Engine.Running;

/// <summary>Where blocks run.</summary>
public enum ExecutionMode
{
    /// <summary>In the calling thread, one block at a time (debugging).</summary>
    Serial,

    /// <summary>On threads of this process, <see cref="ExecutionOptions.NumWorkers"/> per task.</summary>
    Threads,

    /// <summary>In separate worker processes that rebuild each task from its configuration.</summary>
    Processes,
}
