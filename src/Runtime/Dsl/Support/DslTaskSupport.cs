using System.ComponentModel;
using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// What generated task code calls: opening ports, validation and output preparation. Kept here, not in the generated
/// code, so every DSL task shares one tested implementation.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DslTaskSupport
{
    /// <summary>Opens an input so that it reads as <paramref name="dataType"/>, converting the stored values when they differ.</summary>
    public static VolumeArray OpenInput(Dataset dataset, DataType dataType) => ReadAs(dataset.Array(), dataType);

    /// <summary>
    /// Opens an input of task <paramref name="taskName"/> as <paramref name="dataType"/> after checking what is stored:
    /// the port's <see cref="InputAttribute.Requires"/>, and for label ports that the conversion keeps every id.
    /// </summary>
    public static VolumeArray OpenInput(string taskName, string field, Dataset dataset, DataType dataType, ElementKinds requires)
    {
        var array = dataset.Array();
        var stored = array.DataType;
        RequireStored(taskName, field, dataset, array, requires);
        if (dataset is Labels && ElementKindOf(dataType) is ElementKinds.SignedInteger or ElementKinds.UnsignedInteger)
        {
            if (stored.IsFloatingPoint || ((stored.IsSignedInteger || stored.IsUnsignedInteger) && stored.Size > dataType.Size))
            {
                throw new TaskFieldException(taskName, field,
                    $"'{dataset.Store}' holds {stored.NumpyName} labels, but the task reads them as {dataType.NumpyName}, which would change ids");
            }
        }

        return ReadAs(array, dataType);
    }

    private static VolumeArray ReadAs(VolumeArray array, DataType dataType) =>
        array.DataType.Kind == dataType.Kind ? array : array.WithOps(new ConvertType(dataType.NumpyName));

    /// <summary>
    /// What every input's stored array must be, whatever type the task reads it as: of an element kind the port accepts
    /// (<see cref="InputAttribute.Requires"/>) and with the channel axes its dataset kind reads (<see cref="ChannelAxesOf"/>).
    /// </summary>
    public static void RequireStored(string taskName, string field, Dataset dataset, VolumeArray array, ElementKinds requires)
    {
        RequireElementKind(taskName, field, dataset.Store, array.DataType, requires);
        RequireChannelAxes(taskName, field, dataset, array.ChannelDims, array.Shape.Take(array.ChannelDims));
    }

    /// <summary>
    /// The channel axes an input of this dataset kind is read with: labels are spatial, affinities have one channel axis
    /// (a channel per offset); raw and LSD data may have any. Null when any number will do.
    /// </summary>
    public static int? ChannelAxesOf(Dataset dataset) => dataset switch
    {
        Labels => 0,
        Affs => 1,
        _ => null,
    };

    /// <summary>
    /// The input's channel axes must be what its kind reads (<see cref="ChannelAxesOf"/>): a labels input over data with
    /// channels would see only the first channel. <paramref name="channels"/> are the channel axes' lengths when known.
    /// </summary>
    public static void RequireChannelAxes(string taskName, string field, Dataset dataset, int channelAxes, IEnumerable<long>? channels = null)
    {
        if (ChannelAxesOf(dataset) is not { } expected || expected == channelAxes)
        {
            return;
        }

        var counts = channels?.ToList();
        string lengths = counts is { Count: > 0 } ? $" ({string.Join(" × ", counts)} channels)" : string.Empty;
        string problem = dataset is Labels
            ? $"'{dataset.Store}' has {Axes(channelAxes)}{lengths}, but labels are read spatial: the task would see only the first channel (select one with the dataset's 'channels', or write it spatial-only)"
            : $"'{dataset.Store}' has {Axes(channelAxes)}{lengths}, but affinities have exactly one (a channel per offset)";
        throw new TaskFieldException(taskName, field, problem);

        static string Axes(int count) => count == 1 ? "1 channel axis" : $"{count} channel axes";
    }

    /// <summary>The stored type must be of a kind the port accepts (<see cref="InputAttribute.Requires"/>).</summary>
    public static void RequireElementKind(string taskName, string field, string store, DataType stored, ElementKinds requires)
    {
        if (!Rules.ElementKindRules.Satisfies(requires, ElementKindOf(stored)))
        {
            throw new TaskFieldException(taskName, field,
                $"'{store}' holds {stored.NumpyName}, but the task needs {Rules.ElementKindRules.Describe(requires)} data");
        }
    }

    /// <summary>The element kind of a stored type.</summary>
    public static ElementKinds ElementKindOf(DataType type) =>
        type.IsFloatingPoint ? ElementKinds.FloatingPoint
        : type.IsSignedInteger ? ElementKinds.SignedInteger
        : type.IsUnsignedInteger ? ElementKinds.UnsignedInteger
        : ElementKinds.Boolean;

    /// <summary>
    /// Opens a <c>Stored</c> input as it is stored; booleans (which have no arithmetic) read as uint8 0 and 1, as numpy
    /// compares and sums them.
    /// </summary>
    public static VolumeArray OpenStored(Dataset dataset)
    {
        var array = dataset.Array();
        return array.DataType.Kind == ScalarKind.Bool ? array.WithOps(new ConvertType(DataType.UInt8.NumpyName)) : array;
    }

    /// <summary>The type a <c>Stored</c> output is created with: the first <c>Stored</c> input's, in native byte order.</summary>
    public static DataType StoredType(VolumeArray array) => new(array.DataType.Kind);

    /// <summary>Every input must share the voxel size of the first one.</summary>
    public static void RequireSameVoxelSize(string taskName, string firstField, VolumeArray first, string field, VolumeArray other)
    {
        if (other.VoxelSize != first.VoxelSize)
        {
            throw new TaskFieldException(taskName, field,
                $"{field} '{other.Path}' has voxel size {other.VoxelSize}, but {firstField} '{first.Path}' has {first.VoxelSize}");
        }
    }

    /// <summary>The task's block geometry in world units, over the first input (restricted to <paramref name="writeRoi"/>), with <paramref name="fit"/> (shrink unless the task says otherwise).</summary>
    public static BlockLayout Layout(
        string taskName,
        VolumeArray first,
        string blockSizeField,
        Coordinate blockSize,
        string contextField,
        Coordinate? context,
        Roi? writeRoi,
        bool readWriteConflict = false,
        BlockFit fit = BlockFit.Shrink)
    {
        var contextVoxels = context ?? Coordinate.Filled(first.PhysicalDims, 0);
        return Layout(taskName, first, blockSizeField, blockSize, contextField, (contextVoxels, contextVoxels), writeRoi, readWriteConflict, fit);
    }

    /// <summary>The task's block geometry with a context that differs below (<c>Low</c>) and above (<c>High</c>) each block.</summary>
    public static BlockLayout Layout(
        string taskName,
        VolumeArray first,
        string blockSizeField,
        Coordinate blockSize,
        string contextField,
        (Coordinate Low, Coordinate High) context,
        Roi? writeRoi,
        bool readWriteConflict = false,
        BlockFit fit = BlockFit.Shrink)
    {
        int dims = first.PhysicalDims;
        Check(taskName, blockSizeField, blockSize, DslRules.BlockSizeProblem(blockSize.ToArray(), dims));
        Check(taskName, contextField, context.Low, DslRules.ContextProblem(context.Low.ToArray(), dims));
        Check(taskName, contextField, context.High, DslRules.ContextProblem(context.High.ToArray(), dims));
        return new BlockLayout(
            TaskArrays.WriteRoi(taskName, first, writeRoi),
            blockSize * first.VoxelSize,
            context.Low * first.VoxelSize,
            context.High * first.VoxelSize,
            fit,
            readWriteConflict);
    }

    /// <summary>
    /// One block covering the whole write ROI: the first input's ROI restricted to <paramref name="writeRoi"/>, or, for a
    /// task without inputs, <paramref name="writeRoi"/> itself, which it then needs.
    /// </summary>
    public static BlockLayout WholeRoiLayout(
        string taskName, VolumeArray? first, string contextField, Coordinate? context, string writeRoiField, Roi? writeRoi, bool readWriteConflict = false)
    {
        Roi roi;
        Coordinate contextWorld;
        if (first is null)
        {
            roi = writeRoi ?? throw new TaskFieldException(taskName, writeRoiField, $"{writeRoiField} is required: a whole-volume task without inputs writes exactly that region");
            if (roi.Empty || roi.Unbounded)
            {
                throw new TaskFieldException(taskName, writeRoiField, $"{writeRoiField} {roi} must be a bounded, non-empty region");
            }

            contextWorld = Coordinate.Filled(roi.Dims, 0);
        }
        else
        {
            roi = TaskArrays.WriteRoi(taskName, first, writeRoi);
            var contextVoxels = context ?? Coordinate.Filled(first.PhysicalDims, 0);
            Check(taskName, contextField, contextVoxels, DslRules.ContextProblem(contextVoxels.ToArray(), first.PhysicalDims));
            contextWorld = contextVoxels * first.VoxelSize;
        }

        return new BlockLayout(roi, roi.Shape, contextWorld, contextWorld, BlockFit.Shrink, readWriteConflict);
    }

    /// <summary>Prepares an output like <paramref name="like"/> (or only its physical axes), chunks of one block, element type <typeparamref name="T"/>.</summary>
    public static void PrepareOutput<T>(Dataset output, VolumeArray like, Coordinate blockSize, bool spatialOnly)
        where T : unmanaged => PrepareOutput(output, like, blockSize, spatialOnly, DataType.Of<T>());

    /// <summary>
    /// Prepares an output like <paramref name="like"/> (or only its physical axes) with <paramref name="dataType"/>:
    /// chunks of one block, or the chunks of <paramref name="like"/> when there is no block size (whole-volume tasks).
    /// </summary>
    public static void PrepareOutput(Dataset output, VolumeArray like, Coordinate? blockSize, bool spatialOnly, DataType dataType)
    {
        var chunkSize = blockSize ?? PhysicalChunks(like);
        if (!spatialOnly)
        {
            TaskArrays.PrepareLike(output, like, dataType, TaskArrays.BlockChunks(like, chunkSize));
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
            [.. shape], TaskArrays.BlockChunks(like, chunkSize, shape, types), like.Offset, like.VoxelSize, like.Units, names, types, dataType);
    }

    /// <summary>
    /// Prepares one entry of a list output: <c>(channels, *write ROI shape)</c> over the physical axes of
    /// <paramref name="like"/>, chunks of one channel-complete block, the channel axis named after the dataset.
    /// </summary>
    public static void PrepareListOutput(Dataset output, VolumeArray like, Roi writeRoi, Coordinate? blockSize, OutputFormat format)
    {
        var voxelSize = like.VoxelSize;
        var names = new List<string> { output.Name + "^" };
        var types = new List<string> { output.Name };
        for (int axis = 0; axis < like.Dims; axis++)
        {
            if (AxisTypes.IsPhysical(like.Types[axis]))
            {
                names.Add(like.AxisNames[axis]);
                types.Add(like.Types[axis]);
            }
        }

        var spatialShape = writeRoi.Shape.FloorDivide(voxelSize).ToLongArray();
        var blockShape = (blockSize ?? writeRoi.Shape.FloorDivide(voxelSize)).ToLongArray();
        long[] shape = [format.Channels, .. spatialShape];
        int[] chunks = new int[shape.Length];
        chunks[0] = format.Channels;
        for (int axis = 0; axis < blockShape.Length; axis++)
        {
            chunks[axis + 1] = (int)Math.Max(1, Math.Min(blockShape[axis], spatialShape[axis]));
        }

        output.Prepare(shape, chunks, writeRoi.Offset, voxelSize, like.Units, names, types, format.DataType);
    }

    /// <summary>Opens every configured entry of a list output for writing; null entries stay null.</summary>
    public static VolumeArray?[] OpenListOutput(IReadOnlyList<Dataset?> outputs)
    {
        var arrays = new VolumeArray?[outputs.Count];
        for (int i = 0; i < arrays.Length; i++)
        {
            arrays[i] = outputs[i]?.Array(AccessMode.ReadWrite);
        }

        return arrays;
    }

    private static Coordinate PhysicalChunks(VolumeArray like)
    {
        var chunks = new List<long>();
        for (int axis = 0; axis < like.Dims; axis++)
        {
            if (AxisTypes.IsPhysical(like.Types[axis]))
            {
                chunks.Add(like.ChunkShape[axis]);
            }
        }

        return new Coordinate(chunks);
    }

    private static void Check(string taskName, string field, Coordinate value, string? problem)
    {
        if (problem is not null)
        {
            throw new TaskFieldException(taskName, field, $"{field} {value} {problem}");
        }
    }
}
