using System.Text.Json;
using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tests.Datasets;

/// <summary>Lazy operations against naive numpy-style reference computations (volara test_dataset_ops / _flip).</summary>
public class DatasetOpTests
{
    /// <summary>A uint16 arange store with axis names from "tczyx" (all of them physical, as in volara's tests).</summary>
    private static (VolumeArray Array, NdReference Data) Store(params long[] shape)
    {
        var reference = NdReference.Arange(shape);
        var names = "tczyx"[(5 - shape.Length)..].Select(c => $"\"{c}\"");
        var array = VolumeArrayTests.InMemory(reference.Data.Select(v => (ushort)v).ToArray(), shape, $$"""{"axis_names": [{{string.Join(", ", names)}}]}""");
        return (array, reference);
    }

    private static void AssertReads(NdReference expected, VolumeArray array)
    {
        Assert.Equal(expected.Shape, array.Shape);
        var values = new float[expected.Data.Length];
        var converted = array.DataType == DataType.Float32 ? array : array.WithOps(new ConvertType("float32"));
        converted.Read<float>(converted.Roi, values);
        Assert.Equal(expected.Data.Select(v => (float)v), values);
    }

    [Fact]
    public void FlipReversesAxes()
    {
        var (array, data) = Store(6, 5, 4);
        AssertReads(data.Reverse(0), array.WithOps(new ReverseAxes(0)));
        AssertReads(data.Reverse(0).Reverse(2), array.WithOps(new ReverseAxes(0, 2)));
        AssertReads(data, array.WithOps(new ReverseAxes()));
    }

    [Fact]
    public void FlipAfterChannelSelection()
    {
        var (array, data) = Store(2, 3, 6, 5, 4);
        var flipped = array.WithOps(new SelectChannels(1, 2), new ReverseAxes(0));
        Assert.Equal([6L, 5, 4], flipped.Shape);
        AssertReads(data.At(1).At(2).Reverse(0), flipped);
        var error = Assert.Throws<InvalidOperationChainException>(() => array.WithOps(new SelectChannels(1, 2), new ReverseAxes(4)));
        Assert.Contains("out of range for the 3-D array", error.Message);
        Assert.Contains("at this point in the op list", error.Message);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 4)]
    [InlineData(8, 4)]
    [InlineData(5, 2)]
    [InlineData(10, 2)]
    public void SubRoiReadsOfAFlippedArrayAreTheReversedSlices(long z, long depth)
    {
        var (array, data) = Store(12, 5, 4);
        var flipped = array.WithOps(new ReverseAxes(0));
        var expected = data.Reverse(0).Slice(0, z, depth);
        var values = flipped.Read<ushort>(new Roi(new Coordinate(z, 0, 0), new Coordinate(depth, 5, 4))).ToArray();
        Assert.Equal(expected.Data.Select(v => (ushort)v), values);
    }

    [Fact]
    public void FlippedArraysAreReadOnly()
    {
        var (array, _) = Store(6, 5, 4);
        var flipped = array.WithOps(new ReverseAxes(0));
        Assert.False(flipped.IsWritable);
        var error = Assert.Throws<VolumeReadOnlyException>(() => flipped.Write<ushort>(flipped.Roi, new ushort[120]));
        Assert.Contains("read-only", error.Message);
        Assert.Contains("mem/test", error.Message);
    }

    [Fact]
    public void OrderMatters()
    {
        var (array, data) = Store(4, 5, 6, 3);
        AssertReads(data.At(1).At(2).Map(v => v + 1).Reverse(0), array.WithOps(new SelectChannels(1, 2), new ScaleShift(1, 1), new ReverseAxes(0)));
        var collapseThenReverse = array.WithOps(new SelectChannels(1, 2), new ReverseAxes(0));
        var reverseThenCollapse = array.WithOps(new ReverseAxes(0), new SelectChannels(1, 2));
        AssertReads(data.At(1).At(2).Reverse(0), collapseThenReverse);
        AssertReads(data.Reverse(0).At(1).At(2), reverseThenCollapse);
        Assert.NotEqual(collapseThenReverse.ReadAll<ushort>().ToArray(), reverseThenCollapse.ReadAll<ushort>().ToArray());
    }

    [Fact]
    public void NestedChannelLists()
    {
        var (array, data) = Store(4, 5, 4, 3);
        var selected = array.WithOps(new SelectChannels(ChannelSelector.Take(0, 1), ChannelSelector.Take(1)));
        AssertReads(data.Take(0, 1).Take(1), selected);
        Assert.False(selected.IsWritable);
    }

    [Fact]
    public void VolaraChannelExamplesOnOnes()
    {
        var ones = VolumeArrayTests.InMemory(Enumerable.Repeat(1f, 200).ToArray(), [2, 10, 10], """{"axis_names": ["c^", "y", "x"]}""");
        var first = ones.WithOps(new SelectChannels(0));
        Assert.Equal([10L, 10], first.Shape);
        Assert.All(first.ReadAll<float>().ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal([5L, 10], ones.WithOps(new SelectChannels(0, ChannelSelector.Take(0, 2, 4, 6, 8))).Shape);
        Assert.Equal([5L], ones.WithOps(new SelectChannels(0, 0, ChannelSelector.Take(0, 2, 4, 6, 8))).Shape);
        var scaled = ones.WithOps(new SelectChannels(0), new ScaleShift(2, 5));
        Assert.Equal(DataType.Float32, scaled.DataType);
        Assert.All(scaled.ReadAll<float>().ToArray(), v => Assert.Equal(7f, v));
        Assert.Throws<InvalidOperationChainException>(() => ones.WithOps(new SelectChannels(2)));
        Assert.Equal([10L, 10], ones.WithOps(new SelectChannels(-1)).Shape);
    }

    [Fact]
    public void ChannelSelectionKeepsWorldAddressingOfTheRemainingAxes()
    {
        var reference = NdReference.Arange(3, 4, 4);
        var array = VolumeArrayTests.InMemory(reference.Data.Select(v => (int)v).ToArray(), [3, 4, 4],
            """{"types": ["channel", "space", "space"], "voxel_size": [2, 2], "offset": [10, 10]}""");
        var selected = array.WithOps(new SelectChannels(ChannelSelector.Take(2, 0)));
        var values = selected.Read<int>(new Roi(new Coordinate(12, 12), new Coordinate(2, 4))).ToArray();
        Assert.Equal([37, 38, 5, 6], values);
    }

    [Fact]
    public void ThresholdNormaliseAndConvert()
    {
        var reference = NdReference.Arange(2, 3, 4);
        var array = VolumeArrayTests.InMemory(reference.Data.Select(v => (short)v).ToArray(), [2, 3, 4], """{"axis_names": ["c^", "y", "x"]}""");
        var mask = array.WithOps(new Threshold(10.5));
        Assert.Equal(DataType.Bool, mask.DataType);
        Assert.Equal(reference.Data.Select(v => v > 10.5), mask.ReadAll<bool>().ToArray());
        var bytes = array.WithOps(new Threshold(3) { OutputType = "uint8" });
        Assert.Equal(reference.Data.Select(v => v > 3 ? (byte)1 : (byte)0), bytes.ReadAll<byte>().ToArray());

        var normalised = array.WithOps(new Normalize([0, 12], [24, 14]));
        var expected = reference.Data.Select((v, i) => i < 12 ? (float)((v - 0) / 24.0) : (float)((v - 12) / 2.0));
        Assert.Equal(expected, normalised.ReadAll<float>().ToArray());

        // The per-channel window follows its channel through a later reordering and collapse.
        var reordered = array.WithOps(new Normalize([0, 12], [24, 14]), new SelectChannels(ChannelSelector.Take(1, 0)), new SelectChannels(0));
        Assert.Equal(expected.Skip(12), reordered.ReadAll<float>().ToArray());

        var global = array.WithOps(new Normalize(4, 8));
        Assert.Equal(reference.Data.Select(v => (float)((v - 4) / 4)), global.ReadAll<float>().ToArray());

        var converted = array.WithOps(new ScaleShift(0.5, 0), new ConvertType("int32"));
        Assert.Equal(reference.Data.Select(v => (int)Math.Truncate(v * 0.5)), converted.ReadAll<int>().ToArray());
        Assert.Throws<InvalidOperationChainException>(() => array.WithOps(new ConvertType("complex128")));
        Assert.Contains("2 windows for 3 channels", Assert.Throws<InvalidOperationChainException>(() => array.WithOps(new SelectChannels(ChannelSelector.Take(0, 1, 1)), new Normalize([0, 1], [1, 2]))).Message);
        Assert.Contains("channel axis", Assert.Throws<InvalidOperationChainException>(() => array.WithOps(new SelectChannels(0), new Normalize([0, 1], [1, 2]))).Message);
    }

    [Fact]
    public void ConversionsFollowNumpyWhereNumpyIsDefined()
    {
        var floats = VolumeArrayTests.InMemory(new[] { -1.5f, 2.7f, 300f, -0f }, [4]);
        Assert.Equal([-1, 2, 300, 0], floats.WithOps(new ConvertType("int32")).ReadAll<int>().ToArray());
        Assert.Equal([true, true, true, false], floats.WithOps(new ConvertType("bool")).ReadAll<bool>().ToArray());
        Assert.Equal([0, 2, 255, 0], floats.WithOps(new ConvertType("uint8")).ReadAll<byte>().ToArray()); // saturates (numpy: undefined)
        var ints = VolumeArrayTests.InMemory(new[] { 300, -1, 7, 65536 }, [4]);
        Assert.Equal([44, 255, 7, 0], ints.WithOps(new ConvertType("uint8")).ReadAll<byte>().ToArray()); // wraps like numpy
        Assert.Equal([300.0, -1, 7, 65536], ints.WithOps(new ConvertType("float64")).ReadAll<double>().ToArray());
    }

    [Fact]
    public void ValueOpsMakeArraysReadOnly()
    {
        var (array, _) = Store(6, 5, 4);
        foreach (var op in new DatasetOp[] { new ScaleShift(1, 0), new Threshold(0), new Normalize(0, 1), new ConvertType("uint16") })
        {
            var changed = array.WithOps(op);
            Assert.False(changed.IsWritable);
            Assert.Contains("read-only", Assert.Throws<VolumeReadOnlyException>(() => changed.Write(changed.Roi, new byte[120 * changed.DataType.Size])).Message);
        }
    }

    [Fact]
    public void FillBeyondTheArrayPassesThroughValueOps()
    {
        var (array, _) = Store(4, 4);
        var shifted = array.WithOps(new ScaleShift(1, 100));
        var values = shifted.Read<float>(new Roi(new Coordinate(3, 3), new Coordinate(2, 2))).ToArray();
        Assert.Equal([115f, 100, 100, 100], values);
    }

    [Fact]
    public void CropReadsAndWritesAtTheRightPlace()
    {
        var (array, data) = Store(10, 10);
        var cropped = array.WithOps(CropToRoi.Of(new Roi(new Coordinate(5, 5), new Coordinate(5, 5))));
        Assert.Equal(new Roi(new Coordinate(5, 5), new Coordinate(5, 5)), cropped.Roi);
        Assert.True(cropped.IsWritable);
        AssertReads(data.Slice(0, 5, 5).Slice(1, 5, 5), cropped);
        cropped.Write<ushort>(new Roi(new Coordinate(5, 5), new Coordinate(1, 1)), [999]);
        Assert.Equal(999, array.ReadAll<ushort>()[5, 5]);
        Assert.Equal(0, array.ReadAll<ushort>()[0, 0]);
        Assert.Throws<RoiOutOfBoundsException>(() => cropped.Write<ushort>(new Roi(new Coordinate(4, 5), new Coordinate(1, 1)), [1]));
        Assert.Throws<RoiOutOfBoundsException>(() => array.WithOps(CropToRoi.Of(new Roi(new Coordinate(5, 5), new Coordinate(6, 5)))));
    }

    [Fact]
    public void NamedOpsSerialiseWithAnOpDiscriminatorAndRoundTrip()
    {
        var ops = new List<DatasetOp>
        {
            new SelectChannels(ChannelSelector.At(0), ChannelSelector.Take(0, 2)),
            new ReverseAxes(0),
            new ScaleShift(0.5, 1.0),
            new Normalize([0, 10], [255, 100]),
            new Threshold(0.5) { OutputType = "uint8" },
            new ConvertType("float32"),
            CropToRoi.Of(new Roi(new Coordinate(0, 4), new Coordinate(8, 8))),
        };
        var json = JsonSerializer.Serialize(ops);
        Assert.Contains("""{"op":"reverse_axes","axes":[0]}""", json);
        Assert.Contains("""{"op":"select_channels","channels":[0,[0,2]]}""", json);
        var back = JsonSerializer.Deserialize<List<DatasetOp>>(json)!;
        Assert.Equal(ops, back);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DatasetOp>("""{"op":"explode"}"""));
    }
}
