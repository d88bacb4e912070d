using System.ComponentModel;
using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// What generated task code calls: opening ports, validation and output preparation. Kept here, not in the generated
/// code, so every DSL task shares one tested implementation.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DslTaskSupport
{
    /// <summary>Opens an input so that it reads as <typeparamref name="T"/>, converting the stored values when they differ.</summary>
    public static VolumeArray OpenInput<T>(Dataset dataset)
        where T : unmanaged
    {
        var array = dataset.Array();
        return array.DataType.Matches<T>() ? array : array.WithOps(new ConvertType(DataType.Of<T>().NumpyName));
    }

    /// <summary>Every input must share the voxel size of the first one.</summary>
    public static void RequireSameVoxelSize(string taskName, string firstField, VolumeArray first, string field, VolumeArray other)
    {
        if (other.VoxelSize != first.VoxelSize)
        {
            throw new ArgumentException(
                $"task '{taskName}': {field} '{other.Path}' has voxel size {other.VoxelSize}, but {firstField} '{first.Path}' has {first.VoxelSize}");
        }
    }

    /// <summary>The task's block geometry in world units, over the first input (restricted to <paramref name="writeRoi"/>), shrink fit.</summary>
    public static BlockLayout Layout(
        string taskName, VolumeArray first, string blockSizeField, Coordinate blockSize, string contextField, Coordinate? context, Roi? writeRoi)
    {
        int dims = first.PhysicalDims;
        Check(taskName, blockSizeField, blockSize, DslRules.BlockSizeProblem(blockSize.ToArray(), dims));
        var contextVoxels = context ?? Coordinate.Filled(dims, 0);
        Check(taskName, contextField, contextVoxels, DslRules.ContextProblem(contextVoxels.ToArray(), dims));
        var contextWorld = contextVoxels * first.VoxelSize;
        return new BlockLayout(
            TaskArrays.WriteRoi(taskName, first, writeRoi), blockSize * first.VoxelSize, contextWorld, contextWorld, BlockFit.Shrink);
    }

    /// <summary>Prepares an output like <paramref name="like"/> (or only its physical axes), chunks of one block, element type <typeparamref name="T"/>.</summary>
    public static void PrepareOutput<T>(Dataset output, VolumeArray like, Coordinate blockSize, bool spatialOnly)
        where T : unmanaged
    {
        if (!spatialOnly)
        {
            TaskArrays.PrepareLike(output, like, DataType.Of<T>(), TaskArrays.BlockChunks(like, blockSize));
            return;
        }

        var shape = new List<long>();
        var names = new List<string>();
        var types = new List<string>();
        for (int axis = 0; axis < like.Dims; axis++)
        {
            if (AxisTypes.IsPhysical(like.Types[axis]))
            {
                shape.Add(like.Shape[axis]);
                names.Add(like.AxisNames[axis]);
                types.Add(like.Types[axis]);
            }
        }

        output.Prepare(
            [.. shape], TaskArrays.BlockChunks(like, blockSize, shape, types), like.Offset, like.VoxelSize, like.Units, names, types, DataType.Of<T>());
    }

    private static void Check(string taskName, string field, Coordinate value, string? problem)
    {
        if (problem is not null)
        {
            throw new ArgumentException($"task '{taskName}': {field} {value} {problem}");
        }
    }
}
