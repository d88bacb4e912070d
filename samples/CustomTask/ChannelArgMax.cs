using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Samples.CustomTask;

/// <summary>For every voxel, the index of the channel with the largest value (the first one on ties).</summary>
[VolaraTask("sample-channel-argmax")]
public sealed partial class ChannelArgMax
{
    [Input]
    public required Raw<float> Scores { get; init; }

    [Output(SpatialOnly = true)]
    public required Labels<byte> Winners { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    private void Process(Block block, ReadOnlyTensorSpan<float> scores, TensorSpan<byte> winners)
    {
        var values = scores.AsReadOnlySpan();
        var labels = winners.AsSpan();
        int channels = (int)scores.Lengths[0];
        for (int voxel = 0; voxel < labels.Length; voxel++)
        {
            int best = 0;
            for (int channel = 1; channel < channels; channel++)
            {
                if (values[channel * labels.Length + voxel] > values[best * labels.Length + voxel])
                {
                    best = channel;
                }
            }

            labels[voxel] = (byte)best;
        }
    }
}
