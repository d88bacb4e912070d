using Volara.Workers.Driver;

namespace Volara.Workers.Cluster;

/// <summary>
/// Starts a task's workers as cluster jobs and, at the end of the run, cancels every one of them still alive
/// with a single cancel command (<c>scancel ID…</c>, <c>bkill ID…</c>).
/// </summary>
internal sealed class ClusterLauncher(ClusterWorkers config) : IWorkerLauncher
{
    /// <summary>How long a submission still running at the end may take to print its job id, so it can be cancelled.</summary>
    private static readonly TimeSpan JobIdWait = TimeSpan.FromSeconds(15);

    public TimeSpan? ConnectTimeout => config.ConnectTimeout;

    public IWorkerHandle Start(WorkerCommand command, WorkerContext context, string logPath) =>
        ClusterJob.Submit(config, command, context, logPath);

    public async Task StopAsync(IReadOnlyList<IWorkerHandle> workers)
    {
        var alive = new List<ClusterJob>();
        foreach (var worker in workers)
        {
            if (worker is ClusterJob { HasEnded: false } job)
            {
                alive.Add(job);
            }
        }

        if (alive.Count == 0)
        {
            return;
        }

        var ids = new List<string>();
        foreach (var job in alive)
        {
            if (await job.WaitForJobIdAsync(JobIdWait).ConfigureAwait(false) is { } id && !job.HasEnded)
            {
                ids.Add(id);
                job.MarkCancelled();
            }
        }

        if (ids.Count > 0)
        {
            var outcome = await Commands.RunAsync(config.CancelCommand(ids), config.Environment, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            if (outcome.ExitCode != 0)
            {
                // The driver has no other channel at this point; leaked jobs must not go unnoticed.
                await Console.Error.WriteLineAsync($"volara: cancelling {config.SchedulerName} jobs {string.Join(' ', ids)} may have failed: {outcome}").ConfigureAwait(false);
            }
        }

        foreach (var job in alive)
        {
            job.KillClient();
        }
    }
}
