using Volara.Runtime.Engine;
using Volara.Workers.Cluster;
using Volara.Workers.Driver;

namespace Volara.Workers;

/// <summary>
/// Picks the launcher of a task from its <see cref="ExecutionOptions.Workers"/>. It lives above both the driver and the
/// cluster launchers, so the driver never depends on the cluster code that plugs into it.
/// </summary>
internal static class WorkerLaunchers
{
    public static IWorkerLauncher For(IBlockwiseTask task, ProcessExecutorOptions options) => task.Execution.Workers switch
    {
        null or LocalWorkers => new LocalLauncher(options.ConnectTimeout),
        ClusterWorkers cluster => new ClusterLauncher(cluster),
        var other => throw new NotSupportedException(
            $"task '{task.Name}': worker_config of type '{other.WorkerType}' ({other.GetType().Name}) has no launcher; use local, slurm or lsf"),
    };
}
