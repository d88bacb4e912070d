using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl.Support;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>The function of a <see cref="LambdaTask{TIn, TOut}"/>: fills <paramref name="output"/> from <paramref name="input"/> (same shape, C order).</summary>
public delegate void BlockFunction<TIn, TOut>(ReadOnlySpan<TIn> input, Span<TOut> output, ReadOnlySpan<long> shape);

/// <summary>
/// volara's LambdaTask for in-process runs: <c>out[roi] = f(in[roi])</c> per block, shrink fit, no context. It
/// wraps a delegate, so it has no configuration and cannot run in worker processes.
/// </summary>
public sealed class LambdaTask<TIn, TOut> : BlockwiseTaskBase
    where TIn : unmanaged
    where TOut : unmanaged
{
    private BlockLayout? layout;

    public LambdaTask(Dataset inData, Dataset outData, BlockFunction<TIn, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        InData = inData;
        OutData = outData;
        Function = function;
    }

    public Dataset InData { get; }

    public Dataset OutData { get; }

    public BlockFunction<TIn, TOut> Function { get; }

    /// <summary>Prepare the output like the input (with <typeparamref name="TOut"/> elements); false uses an existing output.</summary>
    public bool InitOut { get; init; } = true;

    public string? TaskNameSuffix { get; init; }

    /// <summary>Block size in voxels; null takes the output's chunk shape when it exists, else the input's.</summary>
    public Coordinate? BlockSize { get; init; }

    public Roi? Roi { get; init; }

    public override string Name =>
        TaskNameSuffix is null ? $"{OutData.Name}-lambda" : $"{OutData.Name}-lambda-{TaskNameSuffix}";

    public override BlockLayout Layout => layout ??= CreateLayout();

    public override void Init()
    {
        if (InitOut)
        {
            var input = InData.Array();
            TaskArrays.PrepareLike(OutData, input, DataType.Of<TOut>(), TaskArrays.BlockChunks(input, BlockSizeVoxels(input)));
        }
    }

    public override IBlockProcessor CreateProcessor(int worker) =>
        new Processor(InData.Array(), OutData.Array(AccessMode.ReadWrite), Function);

    public override void DropArtifacts()
    {
        if (InitOut)
        {
            OutData.Drop();
        }
    }

    public override System.Text.Json.Nodes.JsonObject? ToConfig() => null;

    private Coordinate BlockSizeVoxels(VolumeArray input)
    {
        if (BlockSize is { } size)
        {
            return size;
        }

        var chunked = TryOpen(OutData) ?? input;
        var spatial = new List<long>();
        for (int axis = 0; axis < chunked.Dims; axis++)
        {
            if (AxisTypes.IsPhysical(chunked.Types[axis]))
            {
                spatial.Add(chunked.ChunkShape[axis]);
            }
        }

        return new Coordinate(spatial);
    }

    private static VolumeArray? TryOpen(Dataset dataset)
    {
        try
        {
            return dataset.Array();
        }
        catch (Exception exception) when (exception is DatasetException or Volara.Runtime.Storage.Zarr.ZarrException or IOException)
        {
            return null;
        }
    }

    private BlockLayout CreateLayout()
    {
        var input = InData.Array();
        var region = InitOut ? input : OutData.Array();
        var zero = Coordinate.Filled(input.PhysicalDims, 0);
        return new BlockLayout(
            TaskArrays.WriteRoi(Name, region, Roi), TaskArrays.WorldBlockSize(Name, BlockSizeVoxels(input), input.VoxelSize), zero, zero, BlockFit.Shrink);
    }

    private sealed class Processor(VolumeArray input, VolumeArray output, BlockFunction<TIn, TOut> function) : IBlockProcessor
    {
        public void Process(Block block)
        {
            var roi = block.WriteRoi.Intersect(input.Roi).Intersect(output.Roi);
            if (roi.Empty)
            {
                return;
            }

            var shape = input.ShapeOf(roi);
            var source = new TIn[input.ElementCount(roi)];
            input.Read(roi, source.AsSpan());
            var result = new TOut[output.ElementCount(roi)];
            function(source, result, shape);
            output.Write(roi, (ReadOnlySpan<TOut>)result);
        }

        public void Dispose()
        {
        }
    }
}
