using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl.Support;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Execution;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Predict;

/// <summary>
/// volara-torch's Predict: runs a TorchScript or TorchSharp model blockwise over a Raw volume. Blocks are the model's
/// evaluated output shape, read with the model's context (zero-padded beyond the volume), overhang fit; each model
/// output goes to its dataset in <see cref="OutData"/> (null discards it), cropped to the write ROI and scaled to uint8
/// by the model's <c>out_range</c> (or written as float32).
/// </summary>
/// <remarks>
/// Written on <see cref="BlockwiseTaskBase"/> rather than as a DSL task: its block size and context come from the model
/// description, not from fields; it fits blocks with overhang; its outputs are a list whose length and channel counts
/// are the model's; and each worker holds a loaded model. The DSL expresses none of these (see docs/inference.md).
/// libtorch is loaded only by <see cref="CreateProcessor"/>, so the driver, Init and configuration need no native code.
/// </remarks>
[BlockwiseTask("predict")]
public sealed class Predict : BlockwiseTaskBase
{
    private static int processorsCreated;
    private BlockLayout? layout;

    /// <summary>The model and its shapes.</summary>
    public required TorchModel Checkpoint { get; init; }

    /// <summary>The volume the model reads.</summary>
    public required Raw InData { get; init; }

    /// <summary>One dataset (Raw, Affs or Lsd) per model output, in order; null discards that output.</summary>
    [JsonConverter(typeof(OutDataJsonConverter))]
    public required IReadOnlyList<Dataset?> OutData { get; init; }

    /// <summary>Restricts the predicted region (world units); null predicts the whole input.</summary>
    public Roi? Roi { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> (worker i on GPU i mod count) or <c>"cuda:N"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary><c>"&lt;output names joined by '-'&gt;-predict"</c>.</summary>
    [JsonIgnore]
    public override string Name => string.Join('-', OutputNames()) + "-predict";

    [JsonIgnore]
    public override BlockLayout Layout => layout ??= CreateLayout();

    /// <summary>Prepares every kept output: <c>(channels, *write ROI shape)</c>, one chunk per block.</summary>
    public override void Init()
    {
        var input = OpenInput();
        var writeRoi = Layout.TotalWriteRoi;
        var voxelSize = input.VoxelSize;
        var names = new List<string>();
        var types = new List<string>();
        for (int axis = 0; axis < input.Dims; axis++)
        {
            if (AxisTypes.IsPhysical(input.Types[axis]))
            {
                names.Add(input.AxisNames[axis]);
                types.Add(input.Types[axis]);
            }
        }

        var channels = Checkpoint.NumOutChannels;
        var dataType = Checkpoint.WritesFloat ? DataType.Float32 : DataType.UInt8;
        var spatialShape = writeRoi.Shape.FloorDivide(voxelSize).ToLongArray();
        var blockShape = Checkpoint.EvalOutputShape.ToLongArray();
        for (int i = 0; i < OutData.Count; i++)
        {
            if (OutData[i] is not { } output)
            {
                continue;
            }

            long[] shape = [channels[i], .. spatialShape];
            int[] chunks = new int[shape.Length];
            chunks[0] = channels[i];
            for (int axis = 0; axis < blockShape.Length; axis++)
            {
                chunks[axis + 1] = (int)Math.Max(1, Math.Min(blockShape[axis], spatialShape[axis]));
            }

            output.Prepare(shape, chunks, writeRoi.Offset, voxelSize, input.Units, [output.Name + "^", .. names], [output.Name, .. types], dataType);
        }
    }

    public override void DropArtifacts()
    {
        foreach (var output in OutData)
        {
            output?.Drop();
        }
    }

    /// <summary>Opens the arrays and loads the model onto this worker's device (once per worker).</summary>
    public override IBlockProcessor CreateProcessor()
    {
        var input = OpenInput();
        var outputs = new VolumeArray?[OutData.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = OutData[i]?.Array(AccessMode.ReadWrite);
        }

        // A worker process serves one worker of the task; threads of one process count their processors.
        int workerIndex = WorkerProcessIdentity.WorkerId ?? Interlocked.Increment(ref processorsCreated) - 1;
        return new PredictProcessor(this, input, outputs, workerIndex);
    }

    private BlockLayout CreateLayout()
    {
        var input = OpenInput();
        var voxelSize = input.VoxelSize;
        return new BlockLayout(
            WriteRoi(input),
            Checkpoint.EvalOutputShape * voxelSize,
            Checkpoint.ContextLow * voxelSize,
            Checkpoint.ContextHigh * voxelSize,
            BlockFit.Overhang);
    }

    /// <summary>The input's ROI, restricted to <see cref="Roi"/> when given.</summary>
    private Roi WriteRoi(VolumeArray input)
    {
        if (Roi is not { } limit)
        {
            return input.Roi;
        }

        var clipped = input.Roi.Intersect(limit);
        return clipped.Empty
            ? throw new ArgumentException($"task '{Name}': roi {limit} does not overlap the data ROI {input.Roi} of in_data '{InData.Store}'")
            : clipped;
    }

    /// <summary>Opens the input as float32 and checks the configuration against it.</summary>
    private VolumeArray OpenInput()
    {
        if (OutData is null || OutData.Count == 0)
        {
            throw new ArgumentException("task 'predict': out_data needs one entry (a dataset or null) per model output");
        }

        var input = DslTaskSupport.OpenInput<float>(InData);
        Checkpoint.Validate(Name, input.PhysicalDims);
        var channels = Checkpoint.NumOutChannels;
        if (OutData.Count != channels.Count)
        {
            throw new ArgumentException(
                $"task '{Name}': out_data has {OutData.Count} entries, but the model has {channels.Count} outputs (checkpoint.out_channels)");
        }

        for (int i = 0; i < OutData.Count; i++)
        {
            if (OutData[i] is { } output && output is not (Raw or Affs or Lsd))
            {
                throw new ArgumentException($"task '{Name}': out_data[{i}] '{output.Store}' is a {output.GetType().Name}; outputs are Raw, Affs or Lsd datasets");
            }
        }

        if (input.ChannelDims == 0 && Checkpoint.InChannels != 1)
        {
            throw new ArgumentException($"task '{Name}': in_data '{InData.Store}' has no channel axis, but checkpoint.in_channels is {Checkpoint.InChannels}");
        }

        if (input.ChannelDims == 1 && input.Shape[0] != Checkpoint.InChannels)
        {
            throw new ArgumentException($"task '{Name}': in_data '{InData.Store}' has {input.Shape[0]} channels, but checkpoint.in_channels is {Checkpoint.InChannels}");
        }

        return input;
    }

    private List<string> OutputNames()
    {
        var names = new List<string>();
        foreach (var output in OutData ?? [])
        {
            if (output is not null)
            {
                names.Add(output.Name);
            }
        }

        if (names.Count == 0)
        {
            throw new ArgumentException("task 'predict': out_data discards every model output (all null); keep at least one");
        }

        return names;
    }
}
