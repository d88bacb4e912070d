using System.Numerics;
using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's Threshold: <c>mask[block] = in_data[block] &gt; threshold</c> as uint8, blockwise with shrink fit and
/// no context. The mask gets the input's shape and axes (a multi-channel input gives a multi-channel mask). The input
/// is read in its stored type (its operations, e.g. scale_shift, applied), so no conversion copy precedes the compare.
/// </summary>
[VolaraTask("threshold")]
public sealed partial class Threshold
{
    /// <summary>The input (its operations, e.g. scale_shift, apply before thresholding).</summary>
    [Input]
    public required Raw<Stored> InData { get; init; }

    /// <summary>The output mask.</summary>
    [Output]
    public required Labels<byte> Mask { get; init; }

    /// <summary>Voxels strictly above this value become 1, the others 0.</summary>
    [Parameter]
    [JsonPropertyName("threshold")]
    public required double Value { get; init; }

    /// <summary>Block size in voxels.</summary>
    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    /// <summary>Optional world region the output is restricted to.</summary>
    [WriteRoi]
    public Roi? Roi { get; init; }

    private void Process<T>(Block block, ReadOnlyTensorSpan<T> inData, TensorSpan<byte> mask)
        where T : unmanaged, INumber<T> =>
        ThresholdKernel.Apply(inData.AsReadOnlySpan(), Value, mask.AsSpan());
}
