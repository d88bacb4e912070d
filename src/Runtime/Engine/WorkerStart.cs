using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Engine;

/// <summary>What every worker, in a process of its own or a thread of the driver, does before its first block.</summary>
public static class WorkerStart
{
    /// <summary>Sizes the decoded-chunk cache for <paramref name="task"/> (<see cref="ChunkCacheBudget"/>) and creates its processor.</summary>
    public static IBlockProcessor CreateProcessor(IBlockwiseTask task, int worker)
    {
        DecodedChunkCache.EnsureCapacity(ChunkCacheBudget.Of(task));
        return task.CreateProcessor(worker);
    }
}
