using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Dsl.Support;

/// <summary>Array plumbing the built-in tasks share: dataset names, block sizes, preparing outputs like inputs.</summary>
internal static class TaskArrays
{
    /// <summary>The block size in world units: voxels times voxel size.</summary>
    public static Coordinate WorldBlockSize(string taskName, Coordinate blockSizeVoxels, Coordinate voxelSize)
    {
        if (blockSizeVoxels.Dims != voxelSize.Dims)
        {
            throw new ArgumentException(
                $"task '{taskName}': block_size {blockSizeVoxels} has {blockSizeVoxels.Dims} dims, the data has {voxelSize.Dims} physical dims (voxel size {voxelSize})");
        }

        for (int d = 0; d < blockSizeVoxels.Dims; d++)
        {
            if (blockSizeVoxels.IsNull(d) || blockSizeVoxels.ValueAt(d) <= 0)
            {
                throw new ArgumentException($"task '{taskName}': block_size {blockSizeVoxels} must be positive in every dim");
            }
        }

        return blockSizeVoxels * voxelSize;
    }

    /// <summary>The write ROI of a task over <paramref name="source"/>, restricted to <paramref name="roi"/> when given.</summary>
    public static Roi WriteRoi(string taskName, VolumeArray source, Roi? roi)
    {
        if (roi is not { } limit)
        {
            return source.Roi;
        }

        var clipped = source.Roi.Intersect(limit);
        if (clipped.Empty)
        {
            throw new ArgumentException($"task '{taskName}': roi {limit} does not overlap the data ROI {source.Roi} of '{source.Path}'");
        }

        return clipped;
    }

    /// <summary>Chunks of one block in every physical dim; channel dims whole.</summary>
    public static int[] BlockChunks(VolumeArray like, Coordinate blockSizeVoxels, IReadOnlyList<long>? shape = null, IReadOnlyList<string>? types = null)
    {
        shape ??= like.Shape;
        types ??= like.Types;
        var chunks = new int[shape.Count];
        int physical = 0;
        for (int axis = 0; axis < chunks.Length; axis++)
        {
            chunks[axis] = AxisTypes.IsPhysical(types[axis])
                ? (int)Math.Min(blockSizeVoxels.ValueAt(physical++), Math.Max(1, shape[axis]))
                : (int)Math.Max(1, shape[axis]);
        }

        return chunks;
    }

    /// <summary>Prepares an output dataset with the geometry and axes of <paramref name="like"/> (channels included) and the given type.</summary>
    public static VolumeArray PrepareLike(Dataset output, VolumeArray like, DataType dataType, int[] chunks) =>
        output.Prepare([.. like.Shape], chunks, like.Offset, like.VoxelSize, like.Units, like.AxisNames, like.Types, dataType);

}
