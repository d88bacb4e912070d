using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's Threshold: <c>mask[block] = in_data[block] &gt; threshold</c> as uint8, blockwise with shrink fit and
/// no context. The mask gets the input's shape and axes (a multi-channel input gives a multi-channel mask).
/// </summary>
[VolaraTask("threshold")]
public sealed partial class Threshold
{
    // The limit as numpy compares it: rounded to the stored element type when that is float32 or float16.
    private double limit;

    /// <summary>The input (its operations, e.g. scale_shift, apply before thresholding), compared as float64.</summary>
    [Input]
    public required Raw<double> InData { get; init; }

    /// <summary>The output mask.</summary>
    [Output]
    public required Labels<byte> Mask { get; init; }

    [Parameter]
    [JsonPropertyName("threshold")]
    public required double Value { get; init; }

    /// <summary>Block size in voxels.</summary>
    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    /// <summary>Optional world region the output is restricted to.</summary>
    [WriteRoi]
    public Roi? Roi { get; init; }

    partial void Validate() => limit = InData.Untyped.Array().DataType.Kind switch
    {
        ScalarKind.Float32 => (float)Value,
        ScalarKind.Float16 => (double)(Half)Value,
        _ => Value,
    };

    private void Process(Block block, ReadOnlyTensorSpan<double> inData, TensorSpan<byte> mask) =>
        ThresholdKernel.Apply(inData.AsReadOnlySpan(), limit, mask.AsSpan());
}
