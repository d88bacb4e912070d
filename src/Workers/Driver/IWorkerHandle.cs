namespace Volara.Workers.Driver;

/// <summary>One started worker, as the driver sees it: a local process or a cluster job.</summary>
internal interface IWorkerHandle : IDisposable
{
    /// <summary>Completes with the exit code once the worker has ended (for a job: once its blocking submission returned).</summary>
    Task<int> Exited { get; }

    /// <summary>Ends the worker now; harmless when it has ended.</summary>
    void Kill();

    /// <summary>Why it ended, for failure messages: "exit code 3", or the scheduler's own error when the submission failed.</summary>
    string DescribeExit(int exitCode);
}
