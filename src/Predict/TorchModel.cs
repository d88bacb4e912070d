using System.Text.Json.Serialization;
using Volara.Runtime.Geometry;

namespace Volara.Predict;

/// <summary>
/// volara-torch's <c>TorchModel</c>: where the model is stored and the shapes it was trained for. The evaluated block
/// sizes follow from the minimal shapes plus <see cref="PredSizeGrowth"/>; the context is what the model consumes at
/// each border, <c>(eval input − eval output) / 2</c> unless <see cref="ContextOverride"/> says otherwise.
/// </summary>
public sealed record TorchModel
{
    /// <summary>The only model type this assembly runs (volara's <c>model_type</c> discriminator).</summary>
    public const string TorchModelType = "torch";

    /// <summary>volara's discriminator between model kinds; only <c>"torch"</c> is known here.</summary>
    public string ModelType { get; init; } = TorchModelType;

    /// <summary>
    /// The model file: a TorchScript archive (<c>torch.jit.save</c>, from PyTorch or TorchSharp), or — with
    /// <see cref="ModuleType"/> — a TorchSharp module's weights saved with <c>Module.save</c>.
    /// </summary>
    public required string SavePath { get; init; }

    /// <summary>
    /// For a TorchSharp module: its class, <c>"Namespace.Type, Assembly"</c> (or a full name found in the loaded
    /// assemblies), an <c>nn.Module&lt;Tensor, Tensor&gt;</c> or <c>nn.Module&lt;Tensor, Tensor[]&gt;</c> with a
    /// public parameterless constructor. Null means <see cref="SavePath"/> is TorchScript.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ModuleType { get; init; }

    /// <summary>
    /// Optional weights loaded over the model: a PyTorch state dict (<c>torch.save</c>; plain or under
    /// <c>model_state_dict</c>) or a TorchSharp state file (<c>Module.save</c>).
    /// </summary>
    public string? CheckpointFile { get; init; }

    /// <summary>Channels the model takes.</summary>
    public int InChannels { get; init; } = 1;

    /// <summary>The smallest input the model accepts, in voxels per physical axis.</summary>
    public required Coordinate MinInputShape { get; init; }

    /// <summary>The output of the smallest input, in voxels.</summary>
    public required Coordinate MinOutputShape { get; init; }

    /// <summary>The input may grow by multiples of this (in voxels).</summary>
    public required Coordinate MinStepShape { get; init; }

    /// <summary>
    /// Channels of each model output: one number for a single output, a list for several (an entry may be null: that
    /// output has <see cref="InChannels"/> channels), or null for one output with <see cref="InChannels"/> channels.
    /// </summary>
    [JsonConverter(typeof(OutChannelsJsonConverter))]
    public IReadOnlyList<int?>? OutChannels { get; init; }

    /// <summary><c>[low, high]</c>: the values that map to 0 and 255 in uint8 outputs.</summary>
    public IReadOnlyList<double> OutRange { get; init; } = [0.0, 1.0];

    /// <summary>How much larger than the minimal shapes the evaluated input and output are (a multiple of <see cref="MinStepShape"/>).</summary>
    public required Coordinate PredSizeGrowth { get; init; }

    /// <summary>volara-ml's <c>[low, high]</c> context in voxels, replacing the symmetric one; low + high must equal input − output.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Coordinate>? ContextOverride { get; init; }

    /// <summary>Element type of the written outputs: <c>"uint8"</c> (scaled by <see cref="OutRange"/>) or <c>"float32"</c> (as predicted).</summary>
    public string OutDtype { get; init; } = "uint8";

    /// <summary>The evaluated input shape: minimal input + growth.</summary>
    [JsonIgnore]
    public Coordinate EvalInputShape => MinInputShape + PredSizeGrowth;

    /// <summary>The evaluated output shape: minimal output + growth.</summary>
    [JsonIgnore]
    public Coordinate EvalOutputShape => MinOutputShape + PredSizeGrowth;

    /// <summary>Voxels the model consumes below each block (the override's low side, or half the shrink).</summary>
    [JsonIgnore]
    public Coordinate ContextLow => ContextOverride is { Count: 2 } given ? given[0] : (EvalInputShape - EvalOutputShape).FloorDivide(2);

    /// <summary>Voxels the model consumes above each block.</summary>
    [JsonIgnore]
    public Coordinate ContextHigh => ContextOverride is { Count: 2 } given ? given[1] : (EvalInputShape - EvalOutputShape).FloorDivide(2);

    /// <summary>Channels of each model output, in order (null entries resolved to <see cref="InChannels"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<int> NumOutChannels
    {
        get
        {
            if (OutChannels is null)
            {
                return [InChannels];
            }

            var counts = new int[OutChannels.Count];
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] = OutChannels[i] ?? InChannels;
            }

            return counts;
        }
    }

    /// <summary>Whether outputs are written as float32 rather than scaled to uint8.</summary>
    [JsonIgnore]
    public bool WritesFloat => OutDtype == "float32";

    /// <summary>volara's <c>to_uint8</c>: <c>clip((x − low) / (high − low) · 255, 0, 255)</c>, truncated.</summary>
    public void ToUInt8(ReadOnlySpan<float> values, Span<byte> target) => UInt8Scaling.ToUInt8(values, target, OutRange[0], OutRange[1]);

    /// <summary>volara's <c>from_uint8</c>: <c>d / 255 · (high − low) + low</c>.</summary>
    public void FromUInt8(ReadOnlySpan<byte> values, Span<float> target) => UInt8Scaling.FromUInt8(values, target, OutRange[0], OutRange[1]);

    /// <summary>
    /// Checks the description against itself and a volume with <paramref name="physicalDims"/> axes; messages name the
    /// task and the field (<c>checkpoint.pred_size_growth</c> …).
    /// </summary>
    public void Validate(string taskName, int physicalDims)
    {
        string Field(string name) => $"task '{taskName}': checkpoint.{name}";
        if (ModelType != TorchModelType)
        {
            throw new ArgumentException($"{Field("model_type")} is '{ModelType}', but only '{TorchModelType}' models run here");
        }

        if (string.IsNullOrWhiteSpace(SavePath))
        {
            throw new ArgumentException($"{Field("save_path")} is empty");
        }

        if (!File.Exists(SavePath))
        {
            throw new ArgumentException($"{Field("save_path")} '{SavePath}' does not exist");
        }

        if (CheckpointFile is { } checkpoint && !File.Exists(checkpoint))
        {
            throw new ArgumentException($"{Field("checkpoint_file")} '{checkpoint}' does not exist");
        }

        if (InChannels < 1)
        {
            throw new ArgumentException($"{Field("in_channels")} is {InChannels}, it must be positive");
        }

        RequireShape(Field("min_input_shape"), MinInputShape, physicalDims, allowZero: false);
        RequireShape(Field("min_output_shape"), MinOutputShape, physicalDims, allowZero: false);
        RequireShape(Field("min_step_shape"), MinStepShape, physicalDims, allowZero: false);
        RequireShape(Field("pred_size_growth"), PredSizeGrowth, physicalDims, allowZero: true);
        if (!PredSizeGrowth.IsMultipleOf(MinStepShape))
        {
            throw new ArgumentException($"{Field("pred_size_growth")} {PredSizeGrowth} is not a multiple of min_step_shape {MinStepShape}");
        }

        var shrink = EvalInputShape - EvalOutputShape;
        for (int axis = 0; axis < physicalDims; axis++)
        {
            if (shrink.ValueAt(axis) < 0)
            {
                throw new ArgumentException($"{Field("min_output_shape")} {MinOutputShape} is larger than min_input_shape {MinInputShape}");
            }
        }

        if (ContextOverride is { } context)
        {
            if (context.Count != 2)
            {
                throw new ArgumentException($"{Field("context_override")} needs [low, high], it has {context.Count} entries");
            }

            RequireShape(Field("context_override"), context[0], physicalDims, allowZero: true);
            RequireShape(Field("context_override"), context[1], physicalDims, allowZero: true);
            if (context[0] + context[1] != shrink)
            {
                throw new ArgumentException($"{Field("context_override")} {context[0]} + {context[1]} must sum to input − output shape {shrink}");
            }
        }
        else if (shrink % 2 != Coordinate.Filled(physicalDims, 0))
        {
            throw new ArgumentException($"{Field("min_output_shape")}: input − output shape {shrink} is odd on some axis; give context_override to split it");
        }

        if (OutChannels is { Count: 0 })
        {
            throw new ArgumentException($"{Field("out_channels")} is an empty list");
        }

        foreach (var count in NumOutChannels)
        {
            if (count < 1)
            {
                throw new ArgumentException($"{Field("out_channels")} has {count} channels for an output, it must be positive");
            }
        }

        if (OutRange is not { Count: 2 } || !(OutRange[1] > OutRange[0]))
        {
            throw new ArgumentException($"{Field("out_range")} must be [low, high] with low < high, it is [{string.Join(", ", OutRange ?? [])}]");
        }

        if (OutDtype is not ("uint8" or "float32"))
        {
            throw new ArgumentException($"{Field("out_dtype")} is '{OutDtype}', it must be 'uint8' or 'float32'");
        }
    }

    private static void RequireShape(string field, Coordinate shape, int dims, bool allowZero)
    {
        if (shape.Dims != dims || shape.HasUnbounded)
        {
            throw new ArgumentException($"{field} {shape} needs one value per physical axis ({dims})");
        }

        for (int axis = 0; axis < dims; axis++)
        {
            long value = shape.ValueAt(axis);
            if (value < 0 || (!allowZero && value == 0))
            {
                throw new ArgumentException($"{field} {shape} must be {(allowZero ? "non-negative" : "positive")}");
            }
        }
    }
}
