using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Cli.TestPlugin;

/// <summary>
/// Per voxel, the sum over channels of <c>weights[c] * scores[c]</c>, one weight per offset of the channels'
/// neighbourhood: a small task with an element-kind requirement and a per-offset list for the CLI's checks, whose
/// workers read ahead and write behind (<c>OverlapIo</c>).
/// </summary>
[VolaraTask("test-weighted-channel-sum", OverlapIo = true)]
public sealed partial class WeightedChannelSum
{
    [Input(Requires = ElementKinds.FloatingPoint)]
    public required Raw<float> Scores { get; init; }

    [Output(SpatialOnly = true)]
    public required Raw<float> Sum { get; init; }

    /// <summary>The offset each channel stands for.</summary>
    [Parameter]
    public required IReadOnlyList<IReadOnlyList<int>> Neighborhood { get; init; }

    [Parameter, PerOffset(nameof(Neighborhood))]
    public required IReadOnlyList<double> Weights { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    private void Process(Block block, ReadOnlyTensorSpan<float> scores, TensorSpan<float> sum)
    {
        var values = scores.AsReadOnlySpan();
        var output = sum.AsSpan();
        int channels = (int)scores.Lengths[0];
        output.Clear();
        for (int channel = 0; channel < channels; channel++)
        {
            float weight = (float)Weights[channel];
            var plane = values.Slice(channel * output.Length, output.Length);
            for (int voxel = 0; voxel < output.Length; voxel++)
            {
                output[voxel] += weight * plane[voxel];
            }
        }
    }
}
