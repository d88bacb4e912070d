using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Evaluation;

/// <summary>
/// Compares a segmentation with a ground truth block by block: each block's voxels go into a per-thread
/// <see cref="ContingencyTable"/>, the tables are merged, and the scores come from the merged table. Memory is
/// one block per thread plus the table, whatever the size of the volume.
/// </summary>
public static class BlockwiseEvaluation
{
    /// <summary>
    /// The contingency table of <paramref name="segmentation"/> against <paramref name="groundTruth"/> over
    /// <paramref name="roi"/> (default: the ground truth's ROI; world units), read in blocks of
    /// <paramref name="blockSize"/> voxels. Voxels outside the segmentation read as its fill value (0).
    /// </summary>
    public static ContingencyTable Contingency(VolumeArray segmentation, VolumeArray groundTruth, Coordinate blockSize, Roi? roi = null, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(groundTruth);
        if (segmentation.VoxelSize != groundTruth.VoxelSize)
        {
            throw new ArgumentException($"segmentation '{segmentation.Path}' has voxel size {segmentation.VoxelSize}, ground truth '{groundTruth.Path}' {groundTruth.VoxelSize}");
        }

        if (segmentation.ChannelDims != 0 || groundTruth.ChannelDims != 0)
        {
            throw new ArgumentException($"segmentation '{segmentation.Path}' and ground truth '{groundTruth.Path}' must have no channel axes");
        }

        if (blockSize.Dims != groundTruth.PhysicalDims)
        {
            throw new ArgumentException($"block size {blockSize} needs one value per axis of '{groundTruth.Path}' ({groundTruth.PhysicalDims})");
        }

        var region = roi ?? groundTruth.Roi;
        var blocks = Blocks(region, blockSize * groundTruth.VoxelSize);
        var merged = new ContingencyTable();
        var gate = new object();
        Parallel.ForEach(
            blocks,
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism },
            () => new ContingencyTable(),
            (block, _, table) =>
            {
                int voxels = checked((int)groundTruth.ElementCount(block));
                var truth = System.Buffers.ArrayPool<ulong>.Shared.Rent(voxels);
                var segment = System.Buffers.ArrayPool<ulong>.Shared.Rent(voxels);
                try
                {
                    groundTruth.Read<ulong>(block, truth.AsSpan(0, voxels));
                    segmentation.Read<ulong>(block, segment.AsSpan(0, voxels));
                    table.Add(segment.AsSpan(0, voxels), truth.AsSpan(0, voxels));
                }
                finally
                {
                    System.Buffers.ArrayPool<ulong>.Shared.Return(truth);
                    System.Buffers.ArrayPool<ulong>.Shared.Return(segment);
                }

                return table;
            },
            table =>
            {
                lock (gate)
                {
                    merged.Merge(table);
                }
            });
        return merged;
    }

    /// <summary>The scores of <see cref="Contingency"/>.</summary>
    public static SegmentationScores Evaluate(VolumeArray segmentation, VolumeArray groundTruth, Coordinate blockSize, Roi? roi = null) =>
        SegmentationScores.From(Contingency(segmentation, groundTruth, blockSize, roi));

    private static List<Roi> Blocks(Roi region, Coordinate worldBlock)
    {
        var blocks = new List<Roi>();
        int dims = region.Dims;
        var begin = region.Begin.ToLongArray();
        var end = region.End.ToLongArray();
        var step = worldBlock.ToLongArray();
        var cursor = (long[])begin.Clone();
        if (Enumerable.Range(0, dims).Any(d => begin[d] >= end[d]))
        {
            return blocks;
        }

        while (true)
        {
            var shape = new long[dims];
            for (int d = 0; d < dims; d++)
            {
                shape[d] = Math.Min(step[d], end[d] - cursor[d]);
            }

            blocks.Add(new Roi(new Coordinate(cursor), new Coordinate(shape)));
            int axis = dims - 1;
            while (axis >= 0)
            {
                cursor[axis] += step[axis];
                if (cursor[axis] < end[axis])
                {
                    break;
                }

                cursor[axis] = begin[axis];
                axis--;
            }

            if (axis < 0)
            {
                return blocks;
            }
        }
    }
}
