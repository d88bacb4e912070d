using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's Argmax: semantic labels (uint8) from channel-first class probabilities, the index of the largest
/// channel per voxel — or, with <see cref="CombineClasses"/>, of the largest sum over each group of channels.
/// Shrink fit, no context.
/// </summary>
[VolaraTask("argmax")]
public sealed partial class ArgMax
{
    // Sums of float32 probabilities are rounded to float32 after every addition, as numpy sums them.
    private bool singlePrecision;

    /// <summary>Class probabilities, [C, *spatial].</summary>
    [Input]
    public required Raw<double> ProbsData { get; init; }

    /// <summary>The output labels.</summary>
    [Output(SpatialOnly = true)]
    public required Labels<byte> SemData { get; init; }

    /// <summary>Groups of channels summed into one class each; null uses every channel as its own class.</summary>
    [Parameter]
    public IReadOnlyList<IReadOnlyList<int>>? CombineClasses { get; init; }

    /// <summary>Block size in voxels.</summary>
    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [WriteRoi]
    public Roi? Roi { get; init; }

    partial void Validate()
    {
        var probs = ProbsData.Untyped.Array();
        singlePrecision = probs.DataType == DataType.Float32;
        if (probs.ChannelDims != 1)
        {
            throw new TaskFieldException(Name, "probs_data", $"probs_data '{ProbsData.Store}' needs exactly one channel axis, it has {probs.ChannelDims} (axes [{string.Join(", ", probs.AxisNames)}])");
        }

        int channels = (int)probs.Shape[probs.Types.ToList().FindIndex(t => !Datasets.AxisTypes.IsPhysical(t))];
        if (CombineClasses is { } groups)
        {
            if (groups.Count is 0 or > 256)
            {
                throw new TaskFieldException(Name, "combine_classes", $"combine_classes needs 1 to 256 groups, it has {groups.Count}");
            }

            foreach (var channel in groups.SelectMany(group => group))
            {
                if (channel < 0 || channel >= channels)
                {
                    throw new TaskFieldException(Name, "combine_classes", $"combine_classes names channel {channel}, but probs_data has {channels} channels");
                }
            }
        }
        else if (channels > 256)
        {
            throw new TaskFieldException(Name, "probs_data", $"probs_data has {channels} classes, which do not fit the uint8 labels");
        }
    }

    private void Process(Block block, ReadOnlyTensorSpan<double> probsData, TensorSpan<byte> semData)
    {
        int channels = (int)probsData.Lengths[0];
        int voxels = (int)semData.FlattenedLength;
        ArgMaxKernel.Apply(probsData.AsReadOnlySpan(), channels, voxels, CombineClasses, singlePrecision, semData.AsSpan());
    }
}
