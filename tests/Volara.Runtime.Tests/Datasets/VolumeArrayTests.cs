using System.Buffers;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tests.Datasets;

public class VolumeArrayTests
{
    internal static T[] Arange<T>(long count, Func<long, T> convert)
    {
        var values = new T[count];
        for (var i = 0L; i < count; i++)
        {
            values[i] = convert(i);
        }

        return values;
    }

    internal static VolumeArray InMemory<T>(T[] values, long[] shape, string attributes = "{}")
        where T : unmanaged =>
        VolumeArray.Over(InMemoryVolumeStore.From<T>(values, shape, "mem/test", JsonNode.Parse(attributes)!.AsObject()));

    private static Roi R(long[] offset, long[] shape) => new(new Coordinate(offset), new Coordinate(shape));

    [Fact]
    public void ReadsAVoxelRoiOfA2DArray()
    {
        var array = InMemory(Arange(10, i => (int)i), [2, 5]);
        Assert.Equal(R([0, 0], [2, 5]), array.Roi);
        var values = array.Read<int>(R([1, 1], [1, 4]));
        Assert.Equal([1, 4], values.Lengths.ToArray());
        Assert.Equal([6, 7, 8, 9], values.ToArray());
    }

    [Fact]
    public void ReadsBeyondTheArrayGetTheFillValue()
    {
        var array = InMemory(Arange(10, i => (int)i), [2, 5]);
        var values = array.Read<int>(R([0, 0], [5, 5])).ToArray();
        Assert.Equal(Arange(10, i => (int)i), values[..10]);
        Assert.All(values[10..], value => Assert.Equal(0, value));
        var shifted = array.Read<int>(R([-1, 3], [2, 3])).ToArray();
        Assert.Equal([0, 0, 0, 3, 4, 0], shifted);
        Assert.All(array.Read<int>(R([10, 10], [1, 2])).ToArray(), value => Assert.Equal(0, value));
    }

    [Fact]
    public void WorldUnitsUseOffsetAndVoxelSizeAndRejectUnalignedRois()
    {
        var array = InMemory(Arange(25, i => (short)i), [5, 5], """{"offset": [10, 20], "voxel_size": [2, 4], "units": ["nm", "nm"]}""");
        Assert.Equal(R([10, 20], [10, 20]), array.Roi);
        Assert.Equal([6, 7, 11, 12], array.Read<short>(R([12, 24], [4, 8])).ToArray());
        var error = Assert.Throws<UnalignedRoiException>(() => array.Read<short>(R([13, 25], [4, 8])));
        Assert.Contains("mem/test", error.Message);
        Assert.Contains("[13:17, 25:33]", error.Message);
        Assert.Throws<UnalignedRoiException>(() => array.Read<short>(R([12, 24], [3, 8])));
        Assert.Throws<ArgumentException>(() => array.Read<short>(R([0], [2])));
    }

    [Fact]
    public void ChannelAxesArePassedThroughWholeWhereverTheySit()
    {
        var first = InMemory(Arange(30, i => (float)i), [3, 2, 5], """{"types": ["channel", "space", "space"], "voxel_size": [10, 10]}""");
        Assert.Equal(R([0, 0], [20, 50]), first.Roi);
        var values = first.Read<float>(R([10, 20], [10, 20]));
        Assert.Equal([3, 1, 2], values.Lengths.ToArray());
        Assert.Equal([7f, 8, 17, 18, 27, 28], values.ToArray());

        var last = InMemory(Arange(30, i => (float)i), [2, 5, 3], """{"axis_names": ["y", "x", "c^"]}""");
        Assert.Equal(["space", "space", "channel"], last.Types);
        var read = last.Read<float>(R([1, 1], [1, 2]));
        Assert.Equal([1, 2, 3], read.Lengths.ToArray());
        Assert.Equal([18f, 19, 20, 21, 22, 23], read.ToArray());
        Assert.Equal([24f, 25, 26, 27, 28, 29, 0, 0, 0], last.Read<float>(R([1, 3], [1, 3])).ToArray());
    }

    [Fact]
    public void WritesInsideTheArrayAndRejectsWritesOutside()
    {
        var array = InMemory(new int[3 * 2 * 5], [3, 2, 5], """{"types": ["channel", "space", "space"]}""");
        array.Write<int>(R([1, 1], [1, 3]), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var all = array.ReadAll<int>();
        Assert.Equal(2, all[0, 1, 2]);
        Assert.Equal(6, all[1, 1, 3]);
        Assert.Equal(9, all[2, 1, 3]);
        Assert.Equal(0, all[2, 1, 4]);
        Assert.Equal(0, all[2, 0, 1]);

        var error = Assert.Throws<RoiOutOfBoundsException>(() => array.Write<int>(R([1, 4], [1, 2]), new int[6]));
        Assert.Contains("mem/test", error.Message);
        Assert.Contains("[1:2, 4:6]", error.Message);
        Assert.Throws<ArgumentException>(() => array.Write<int>(R([0, 0], [1, 1]), new int[2]));
    }

    [Fact]
    public void WritesTensors()
    {
        var array = InMemory(new double[4 * 4], [4, 4], """{"voxel_size": [2, 2], "offset": [-4, 0]}""");
        var tensor = Tensor.Create(new double[] { 1, 2, 3, 4 }, [2, 2]);
        array.Write(R([-2, 2], [4, 4]), (ReadOnlyTensorSpan<double>)tensor);
        Assert.Equal([0d, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0], array.ReadAll<double>().ToArray());
        Assert.Throws<ArgumentException>(() => array.Write(R([-2, 2], [2, 4]), (ReadOnlyTensorSpan<double>)tensor));
    }

    [Fact]
    public void ReadsIntoAStridedTensorSpan()
    {
        var array = InMemory(Arange(10, i => (int)i), [2, 5]);
        var target = Tensor.Create(new int[4 * 5], [4, 5]);
        var lowerHalf = target.AsTensorSpan([new NRange(2, 4), new NRange(1, 3)]);
        array.Read(R([0, 1], [2, 2]), lowerHalf);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 6, 7, 0, 0], target.ToArray());
        Assert.Throws<ArgumentException>(() => array.Read(R([0, 1], [2, 3]), target.AsTensorSpan([new NRange(2, 4), new NRange(1, 3)])));
    }

    [Fact]
    public void TypedAccessMustMatchTheDataType()
    {
        var array = InMemory(new ushort[4], [4]);
        Assert.Equal(DataType.UInt16, array.DataType);
        Assert.Throws<VolumeTypeMismatchException>(() => array.As<int>());
        Assert.Contains("uint16", Assert.Throws<VolumeTypeMismatchException>(() => array.Read<float>(array.Roi)).Message);
        var typed = array.As<ushort>();
        typed.Write(new Roi(new Coordinate(1), new Coordinate(2)), [7, 8]);
        Assert.Equal([0, 7, 8, 0], typed.ReadAll().ToArray());
    }

    [Fact]
    public void ReadOnlyStoresRefuseWrites()
    {
        var store = new InMemoryVolumeStore([4], DataType.UInt8) { IsWritable = false };
        var array = VolumeArray.Over(store);
        Assert.False(array.IsWritable);
        Assert.Contains("read-only", Assert.Throws<VolumeReadOnlyException>(() => array.Write<byte>(array.Roi, new byte[4])).Message);
    }
}
