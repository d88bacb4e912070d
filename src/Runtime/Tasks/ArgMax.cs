using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's Argmax: semantic labels (uint8) from channel-first class probabilities, the index of the largest
/// channel per voxel — or, with <see cref="CombineClasses"/>, of the largest sum over each group of channels.
/// Shrink fit, no context.
/// </summary>
[BlockwiseTask("argmax")]
public sealed class ArgMax : BlockwiseTaskBase
{
    private BlockLayout? layout;

    /// <summary>Class probabilities, [C, *spatial].</summary>
    public required Raw ProbsData { get; init; }

    /// <summary>The output labels.</summary>
    public required Labels SemData { get; init; }

    /// <summary>Groups of channels summed into one class each; null uses every channel as its own class.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? CombineClasses { get; init; }

    /// <summary>Block size in voxels.</summary>
    public required Coordinate BlockSize { get; init; }

    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{SemData.Name}-argmax";

    [JsonIgnore]
    public override BlockLayout Layout => layout ??= CreateLayout();

    public override void Init()
    {
        var probs = OpenProbabilities();
        var spatialShape = new List<long>();
        var names = new List<string>();
        var types = new List<string>();
        for (int axis = 0; axis < probs.Dims; axis++)
        {
            if (AxisTypes.IsPhysical(probs.Types[axis]))
            {
                spatialShape.Add(probs.Shape[axis]);
                names.Add(probs.AxisNames[axis]);
                types.Add(probs.Types[axis]);
            }
        }

        SemData.Prepare(
            [.. spatialShape], TaskArrays.BlockChunks(probs, BlockSize, spatialShape, types), probs.Offset, probs.VoxelSize, probs.Units, names, types, DataType.UInt8);
    }

    public override IBlockProcessor CreateProcessor()
    {
        var probs = OpenProbabilities();
        var typed = probs.WithOps(new ConvertType("float64"));
        return new Processor(typed, probs.DataType == DataType.Float32, SemData.Array(AccessMode.ReadWrite), CombineClasses);
    }

    public override void DropArtifacts() => SemData.Drop();

    private VolumeArray OpenProbabilities()
    {
        var probs = ProbsData.Array();
        if (probs.ChannelDims != 1)
        {
            throw new ArgumentException($"task '{Name}': probs_data '{ProbsData.Store}' needs exactly one channel axis, it has {probs.ChannelDims} (axes [{string.Join(", ", probs.AxisNames)}])");
        }

        int channels = (int)probs.Shape[probs.Types.ToList().FindIndex(t => !AxisTypes.IsPhysical(t))];
        if (CombineClasses is { } groups)
        {
            if (groups.Count is 0 or > 256)
            {
                throw new ArgumentException($"task '{Name}': combine_classes needs 1 to 256 groups, it has {groups.Count}");
            }

            foreach (var group in groups)
            {
                foreach (var channel in group)
                {
                    if (channel < 0 || channel >= channels)
                    {
                        throw new ArgumentException($"task '{Name}': combine_classes names channel {channel}, but probs_data has {channels} channels");
                    }
                }
            }
        }
        else if (channels > 256)
        {
            throw new ArgumentException($"task '{Name}': {channels} classes do not fit the uint8 labels");
        }

        return probs;
    }

    private BlockLayout CreateLayout()
    {
        var probs = ProbsData.Array();
        var zero = Coordinate.Filled(probs.PhysicalDims, 0);
        return new BlockLayout(
            TaskArrays.WriteRoi(Name, probs, Roi), TaskArrays.WorldBlockSize(Name, BlockSize, probs.VoxelSize), zero, zero, BlockFit.Shrink);
    }

    private sealed class Processor(VolumeArray probs, bool singlePrecision, VolumeArray labels, IReadOnlyList<IReadOnlyList<int>>? combineClasses) : IBlockProcessor
    {
        public void Process(Block block)
        {
            var shape = probs.ShapeOf(block.WriteRoi);
            int channels = (int)shape[0];
            int voxels = checked((int)(probs.ElementCount(block.WriteRoi) / Math.Max(1, channels)));
            var values = new double[channels * voxels];
            probs.Read(block.WriteRoi, values.AsSpan());
            var output = new byte[voxels];
            ArgMaxKernel.Apply(values, channels, voxels, combineClasses, singlePrecision, output);
            labels.Write(block.WriteRoi, (ReadOnlySpan<byte>)output);
        }

        public void Dispose()
        {
        }
    }
}
