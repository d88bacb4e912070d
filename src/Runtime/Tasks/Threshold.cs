using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's Threshold: <c>mask[block] = in_data[block] &gt; threshold</c> as uint8, blockwise with shrink fit and
/// no context. The mask gets the input's shape and axes (a multi-channel input gives a multi-channel mask).
/// </summary>
[BlockwiseTask("threshold")]
public sealed class Threshold : BlockwiseTaskBase
{
    private BlockLayout? layout;

    /// <summary>The input (its operations, e.g. scale_shift, apply before thresholding).</summary>
    public required Raw InData { get; init; }

    /// <summary>The output mask.</summary>
    public required Labels Mask { get; init; }

    [JsonPropertyName("threshold")]
    public required double Value { get; init; }

    /// <summary>Block size in voxels.</summary>
    public required Coordinate BlockSize { get; init; }

    /// <summary>Optional world region the output is restricted to.</summary>
    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{Mask.Name}-threshold";

    [JsonIgnore]
    public override BlockLayout Layout => layout ??= CreateLayout();

    public override void Init()
    {
        var input = InData.Array();
        TaskArrays.PrepareLike(Mask, input, DataType.UInt8, TaskArrays.BlockChunks(input, BlockSize));
    }

    public override IBlockProcessor CreateProcessor() =>
        new Processor(InData.Array(), Mask.Array(AccessMode.ReadWrite), Value);

    public override void DropArtifacts() => Mask.Drop();

    private BlockLayout CreateLayout()
    {
        var input = InData.Array();
        var zero = Coordinate.Filled(input.PhysicalDims, 0);
        return new BlockLayout(
            TaskArrays.WriteRoi(Name, input, Roi), TaskArrays.WorldBlockSize(Name, BlockSize, input.VoxelSize), zero, zero, BlockFit.Shrink);
    }

    private sealed class Processor(VolumeArray input, VolumeArray mask, double threshold) : IBlockProcessor
    {
        private byte[] data = [];
        private byte[] output = [];

        public void Process(Block block)
        {
            int count = checked((int)input.ElementCount(block.WriteRoi));
            if (data.Length < count * input.DataType.Size)
            {
                data = new byte[count * input.DataType.Size];
                output = new byte[count];
            }

            input.Read(block.WriteRoi, data.AsSpan(0, count * input.DataType.Size));
            ThresholdKernel.Apply(data.AsSpan(0, count * input.DataType.Size), input.DataType, threshold, output.AsSpan(0, count));
            mask.Write(block.WriteRoi, (ReadOnlySpan<byte>)output.AsSpan(0, count));
        }

        public void Dispose()
        {
        }
    }
}
