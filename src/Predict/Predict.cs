using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
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
/// A DSL task whose geometry is the model's (derived block size and context), whose outputs are a list sized by the
/// model, and whose workers each hold a loaded model (<see cref="CreateWorkerState"/>). libtorch is loaded only when a
/// worker starts, so the driver, Init and configuration need no native code. Each worker reads the next block and
/// writes the previous one while the model runs (<c>OverlapIo</c>; the writes are the worker state's pending writes).
/// </remarks>
[VolaraTask("predict", Fit = BlockFit.Overhang, OverlapIo = true)]
public sealed partial class Predict
{
    /// <summary>The model and its shapes.</summary>
    [Parameter]
    public required TorchModel Checkpoint { get; init; }

    /// <summary>The volume the model reads.</summary>
    [Input]
    public required Raw<float> InData { get; init; }

    /// <summary>One dataset (Raw, Affs or Lsd) per model output, in order; null discards that output.</summary>
    [Output]
    [JsonConverter(typeof(OutDataJsonConverter))]
    public required IReadOnlyList<Dataset?> OutData { get; init; }

    /// <summary>Restricts the predicted region (world units); null predicts the whole input.</summary>
    [WriteRoi]
    public Roi? Roi { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> (worker i on GPU i mod count) or <c>"cuda:N"</c>.</summary>
    [Parameter]
    public string Device { get; init; } = "cpu";

    /// <summary>The model's evaluated output shape, in voxels.</summary>
    [BlockSize]
    [JsonIgnore]
    public Coordinate BlockSize => Checkpoint.EvalOutputShape;

    /// <summary>The voxels the model reads below and above its output.</summary>
    [Context]
    [JsonIgnore]
    public (Coordinate Low, Coordinate High) Context => (Checkpoint.ContextLow, Checkpoint.ContextHigh);

    /// <summary><c>"&lt;output names joined by '-'&gt;-predict"</c>.</summary>
    [JsonIgnore]
    public override string Name => string.Join('-', OutputNames()) + "-predict";

    /// <summary>Each kept output: the model's channels for it, uint8 or float32 as the model writes.</summary>
    private OutputFormat OutputFormat(string field, int index) =>
        new(Checkpoint.NumOutChannels[index], Checkpoint.WritesFloat ? DataType.Float32 : DataType.UInt8);

    /// <summary>Loads the model onto this worker's device (picked by the worker's number), once per worker.</summary>
    private PredictWorker CreateWorkerState(int worker) => new(this, InData.Untyped.Array(), worker);

    private void Process(Block block, PredictWorker worker, ReadOnlyTensorSpan<float> inData, IReadOnlyList<VolumeArray?> outData) =>
        worker.Run(block, inData, outData);

    /// <summary>Checks the configuration against the model description and the input.</summary>
    partial void Validate()
    {
        if (OutData is null || OutData.Count == 0)
        {
            throw new ArgumentException("task 'predict': out_data needs one entry (a dataset or null) per model output");
        }

        LibTorchLocation.Require(Name);
        var input = InData.Untyped.Array();
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
                throw new TaskFieldException(Name, "out_data", $"out_data[{i}] '{output.Store}' is a {output.GetType().Name}; outputs are Raw, Affs or Lsd datasets");
            }
        }

        if (input.ChannelDims == 0 && Checkpoint.InChannels != 1)
        {
            throw new TaskFieldException(Name, "in_data", $"in_data '{InData.Store}' has no channel axis, but checkpoint.in_channels is {Checkpoint.InChannels}");
        }

        if (input.ChannelDims == 1 && input.Shape[0] != Checkpoint.InChannels)
        {
            throw new TaskFieldException(Name, "in_data", $"in_data '{InData.Store}' has {input.Shape[0]} channels, but checkpoint.in_channels is {Checkpoint.InChannels}");
        }
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
