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

    /// <summary>Path of the input array.</summary>
    public required string InData { get; init; }

    /// <summary>Path of the output mask array.</summary>
    public required string Mask { get; init; }

    [JsonPropertyName("threshold")]
    public required double Value { get; init; }

    /// <summary>Block size in voxels.</summary>
    public required Coordinate BlockSize { get; init; }

    /// <summary>Optional world region the output is restricted to.</summary>
    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{TaskArrays.DatasetName(Mask)}-threshold";

    [JsonIgnore]
    public override BlockLayout Layout => layout ??= CreateLayout();

    public override void Init()
    {
        var input = VolumeArray.Open(InData);
        TaskArrays.PrepareLike(Mask, input, DataType.UInt8, TaskArrays.BlockChunks(input, BlockSize));
    }

    public override IBlockProcessor CreateProcessor() =>
        new Processor(VolumeArray.Open(InData), VolumeArray.Open(Mask, AccessMode.ReadWrite), Value);

    public override void DropArtifacts() => TaskArrays.Delete(Mask);

    private BlockLayout CreateLayout()
    {
        var input = VolumeArray.Open(InData);
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
