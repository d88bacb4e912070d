using Volara.Runtime.Datasets;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Engine;

/// <summary>
/// How many decoded bytes a task's workers keep in <see cref="DecodedChunkCache"/>: for every Zarr array the task reads
/// with context, the chunks one block's read region can touch and one more layer of them along the last axis, where
/// the next block (blocks are handed out in grid order, the last axis fastest) reads its new context. That turns the
/// 27 chunks a block with context decodes into 9 new ones per block along a row; keeping whole rows or planes of
/// chunks would grow with the volume. The cache is a task's choice (<c>execution.chunk_cache_mb</c>, the most it may
/// take; none by default): it pays where reads are much of a block's time and costs memory everywhere. A task whose
/// chunks would need more than its limit keeps none: a cache smaller than one block's chunks, read in the same order
/// block after block, would only evict what the next read wants. Workers start with it, and <c>volara plan</c> counts
/// it in the memory of a worker.
/// </summary>
public static class ChunkCacheBudget
{
    /// <summary>What <paramref name="task"/>'s workers keep: <see cref="Needed"/> when its <c>chunk_cache_mb</c> allows that much, else 0.</summary>
    public static long Of(IBlockwiseTask task)
    {
        long limit = (long)(task.Execution.ChunkCacheMb ?? 0) << 20;
        long needed = limit > 0 ? Needed(task) : 0;
        return needed <= limit ? needed : 0;
    }

    /// <summary>
    /// The worker memory a budget takes: the kept chunks and, until the collection between blocks, about as much
    /// again in chunks let go during a block (measured: 600 MiB for a 380 MiB budget).
    /// </summary>
    public static long MemoryBytes(IBlockwiseTask task) => 2 * Of(task);

    /// <summary>The bytes of the chunks one block's read region can touch, plus one layer along x; 0 without context or without Zarr inputs.</summary>
    public static long Needed(IBlockwiseTask task)
    {
        var layout = task.Layout;
        if (layout.BlockReadRoi == layout.BlockWriteRoi)
        {
            return 0;
        }

        long total = 0;
        foreach (var port in task.DatasetPorts)
        {
            if (!port.IsOutput && TryOpen(port.Dataset) is { Store: ZarrVolumeStore { Array: var zarr } } array)
            {
                total += ForArray(zarr, (layout.BlockReadRoi.Shape / array.VoxelSize).ToLongArray());
            }
        }

        return total;
    }

    /// <summary>The chunks of <paramref name="array"/> a read region of <paramref name="readVoxels"/> (its last axes) can touch, plus one layer along the last axis.</summary>
    internal static long ForArray(ZarrArray array, IReadOnlyList<long> readVoxels)
    {
        long chunkBytes = array.KeptChunkBytes;
        if (chunkBytes == 0)
        {
            return 0;
        }

        int dims = array.Shape.Count;
        int channelAxes = dims - readVoxels.Count;
        long chunks = 1;
        for (int d = 0; d < dims; d++)
        {
            long chunk = array.ChunkShape[d];
            long grid = (array.Shape[d] + chunk - 1) / chunk;
            long touched = d < channelAxes ? grid : Math.Min(grid, ((readVoxels[d - channelAxes] - 1 + chunk - 1) / chunk) + 1 + (d == dims - 1 ? 1 : 0));
            chunks *= Math.Max(1, touched);
        }

        return chunks * chunkBytes;
    }

    private static VolumeArray? TryOpen(Dataset dataset)
    {
        try
        {
            return dataset.Array();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return null;
        }
    }
}
