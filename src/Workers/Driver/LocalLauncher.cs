namespace Volara.Workers.Driver;

/// <summary>Workers as child processes of the driver.</summary>
internal sealed class LocalLauncher(TimeSpan connectTimeout) : IWorkerLauncher
{
    public TimeSpan? ConnectTimeout => connectTimeout;

    public IWorkerHandle Start(WorkerCommand command, WorkerContext context, string logPath) =>
        WorkerProcess.Start(command, context, logPath);

    public Task StopAsync(IReadOnlyList<IWorkerHandle> workers)
    {
        foreach (var worker in workers)
        {
            worker.Kill();
        }

        return Task.CompletedTask;
    }
}
