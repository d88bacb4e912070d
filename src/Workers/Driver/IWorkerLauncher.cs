namespace Volara.Workers.Driver;

/// <summary>Starts the workers of one task: as processes on this machine or as jobs of a cluster scheduler.</summary>
internal interface IWorkerLauncher
{
    /// <summary>A started worker that has not connected this long is killed; null waits without limit (queued jobs).</summary>
    TimeSpan? ConnectTimeout { get; }

    IWorkerHandle Start(WorkerCommand command, WorkerContext context, string logPath);

    /// <summary>Ends the given workers at the end of a run (for jobs: one cancel command for all still alive).</summary>
    Task StopAsync(IReadOnlyList<IWorkerHandle> workers);
}
