namespace Volara.Runtime.Engine.Execution;

/// <summary>
/// Which worker this process is, when it is a worker process (set by the worker entry before the task is loaded); null
/// in a driver. Tasks that give each worker its own resource (Predict: one GPU per worker) read it in
/// <see cref="IBlockwiseTask.CreateProcessor"/>.
/// </summary>
public static class WorkerProcessIdentity
{
    /// <summary>The worker id, unique within a run, or null outside worker processes.</summary>
    public static int? WorkerId { get; set; }
}
