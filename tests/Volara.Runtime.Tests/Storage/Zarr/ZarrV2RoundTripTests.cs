using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Zarr;

public sealed class ZarrV2RoundTripTests
{
    public static TheoryData<string, char, string, bool> Layouts()
    {
        var data = new TheoryData<string, char, string, bool>();
        foreach (var type in TestElements.AllTypes)
        {
            foreach (char order in new[] { 'C', 'F' })
            {
                data.Add(type.NumpyName, order, order == 'C' ? "." : "/", type.Size > 1 && order == 'F');
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Whole_array_round_trips_with_edge_chunks(string typeName, char order, string separator, bool bigEndian)
    {
        using var temp = new TempDirectory();
        var type = DataType.TryParseName(typeName)!.Value;
        long[] shape = [7, 9, 5];
        var array = ZarrArray.Create(temp.Combine("a.zarr", "x"), new ZarrArrayOptions
        {
            Shape = shape, ChunkShape = [3, 4, 2], DataType = type, Order = order, DimensionSeparator = separator, BigEndian = bigEndian,
        });
        var data = TestElements.Random(type, TestElements.Count(shape), 1);
        data[^type.Size] = 1; // keeps the corner edge chunk from being all fill
        array.Write([0, 0, 0], shape, data);

        var reopened = ZarrArray.Open(temp.Combine("a.zarr", "x"));
        var back = new byte[data.Length];
        reopened.Read([0, 0, 0], shape, back);
        Assert.Equal(data, back);
        Assert.Equal(order, reopened.Order);
        Assert.Equal(bigEndian, reopened.DataType.BigEndian);
        Assert.Equal(type.Kind, reopened.DataType.Kind);
        // Edge chunks are stored full size: 3x4x2 elements each.
        string firstKey = separator == "." ? "2.2.2" : Path.Combine("2", "2", "2");
        Assert.Equal(3 * 4 * 2 * type.Size, new FileInfo(Path.Combine(reopened.Path, firstKey)).Length);
    }

    [Fact]
    public void Partial_writes_and_reads_beyond_the_array_use_the_fill_value()
    {
        using var temp = new TempDirectory();
        long[] shape = [10, 11];
        var array = ZarrArray.Create(temp.Combine("p"), new ZarrArrayOptions
        {
            Shape = shape, ChunkShape = [4, 3], DataType = DataType.Int32, FillValue = JsonValue.Create(-7),
        });
        var expected = new int[110];
        Array.Fill(expected, -7);
        var patch = new int[5 * 6];
        for (int i = 0; i < patch.Length; i++)
        {
            patch[i] = i + 1;
        }

        array.Write<int>([3, 2], [5, 6], patch);
        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 6; x++)
            {
                expected[((3 + y) * 11) + 2 + x] = patch[(y * 6) + x];
            }
        }

        var second = new int[] { 100, 101, 102 };
        array.Write<int>([4, 1], [1, 3], second);
        expected[(4 * 11) + 1] = 100;
        expected[(4 * 11) + 2] = 101;
        expected[(4 * 11) + 3] = 102;

        var whole = new int[110];
        array.Read<int>([0, 0], shape, whole);
        Assert.Equal(expected, whole);

        var outside = new int[14 * 15];
        array.Read<int>([-2, -3], [14, 15], outside);
        var reference = TestElements.Crop(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()).ToArray(), [10, 11], [-2, -3], [14, 15], 4, BitConverter.GetBytes(-7));
        Assert.Equal(reference, System.Runtime.InteropServices.MemoryMarshal.AsBytes(outside.AsSpan()).ToArray());
    }

    [Fact]
    public void All_fill_chunks_are_not_stored_and_are_removed_when_overwritten_with_fill()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("e"), new ZarrArrayOptions { Shape = [8], ChunkShape = [4], DataType = DataType.UInt8 });
        array.Write<byte>([0], [8], [0, 0, 0, 0, 1, 2, 3, 4]);
        Assert.Equal([[1L]], array.ExistingChunks());
        array.Write<byte>([4], [4], [0, 0, 0, 0]);
        Assert.Empty(array.ExistingChunks());
    }

    [Fact]
    public void Null_fill_value_writes_every_chunk_and_missing_chunks_read_as_zero()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("n");
        var array = ZarrArray.Create(path, new ZarrArrayOptions { Shape = [8], ChunkShape = [4], DataType = DataType.Float32 });
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(path, ".zarray")))!.AsObject();
        doc["fill_value"] = null;
        File.WriteAllText(Path.Combine(path, ".zarray"), doc.ToJsonString());
        array = ZarrArray.Open(path, writable: true);
        Assert.Null(array.FillValueJson);
        array.Write<float>([0], [4], [0, 0, 0, 0]);
        Assert.Equal([[0L]], array.ExistingChunks());
        var back = new float[8];
        array.Read<float>([0], [8], back);
        Assert.Equal(new float[8], back);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Special_float_fill_values_are_read_and_written(string fill)
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("f"), new ZarrArrayOptions
        {
            Shape = [5], ChunkShape = [2], DataType = DataType.Float64, FillValue = JsonValue.Create(fill),
        });
        double expected = fill switch { "NaN" => BitConverter.UInt64BitsToDouble(0x7ff8000000000000), "Infinity" => double.PositiveInfinity, _ => double.NegativeInfinity };
        Assert.Equal(BitConverter.GetBytes(expected), array.FillValue.ToArray());
        array.Write<double>([1], [1], [3.5]);
        var back = new double[5];
        ZarrArray.Open(array.Path).Read<double>([0], [5], back);
        Assert.Equal(new[] { expected, 3.5, expected, expected, expected }, back);
        Assert.Equal(fill, JsonNode.Parse(File.ReadAllText(Path.Combine(array.Path, ".zarray")))!["fill_value"]!.GetValue<string>());
    }

    [Fact]
    public void Region_equal_to_a_chunk_and_interleaved_regions_match_a_reference()
    {
        using var temp = new TempDirectory();
        long[] shape = [6, 8, 10];
        var array = ZarrArray.Create(temp.Combine("r"), new ZarrArrayOptions
        {
            Shape = shape, ChunkShape = [3, 4, 5], DataType = DataType.UInt16, FillValue = JsonValue.Create(9),
        });
        var data = TestElements.Random(DataType.UInt16, TestElements.Count(shape), 5);
        array.Write([0, 0, 0], shape, data);
        var fill = BitConverter.GetBytes((ushort)9);
        foreach (var (start, size) in new (long[], long[])[]
                 {
                     ([3, 4, 5], [3, 4, 5]), ([1, 2, 3], [4, 5, 6]), ([-1, 7, 9], [3, 3, 3]), ([0, 0, 0], [1, 1, 1]), ([5, 7, 9], [1, 1, 1]),
                 })
        {
            var got = new byte[TestElements.Count(size) * 2];
            array.Read(start, size, got);
            Assert.Equal(TestElements.Crop(data, shape, start, size, 2, fill), got);
        }
    }

    [Fact]
    public void Attributes_are_replaced_and_merged()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("attrs"), new ZarrArrayOptions
        {
            Shape = [2], ChunkShape = [2], DataType = DataType.UInt8, Attributes = new JsonObject { ["a"] = 1 },
        });
        Assert.Equal(1, array.Attributes["a"]!.GetValue<int>());
        array.UpdateAttributes(new JsonObject { ["b"] = "x" });
        Assert.Equal("""{"a":1,"b":"x"}""", array.Attributes.ToJsonString());
        array.SetAttributes(new JsonObject { ["c"] = true });
        Assert.Equal("""{"c":true}""", ZarrArray.Open(array.Path).Attributes.ToJsonString());
    }

    [Fact]
    public void Concurrent_partial_writes_to_one_chunk_are_all_kept()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("c"), new ZarrArrayOptions { Shape = [64], ChunkShape = [64], DataType = DataType.Int64 });
        Parallel.For(0, 64, i => array.Write<long>([i], [1], [i + 1]));
        var back = new long[64];
        array.Read<long>([0], [64], back);
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(i + 1, back[i]);
        }
    }

    [Fact]
    public void Leftover_temporary_files_of_a_killed_writer_are_not_chunks()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("k"), new ZarrArrayOptions { Shape = [4], ChunkShape = [2], DataType = DataType.UInt8 });
        array.Write<byte>([0], [2], [1, 2]);
        File.WriteAllBytes(Path.Combine(array.Path, ".1.0123456789abcdef.partial"), [9]);
        Assert.Equal([[0L]], array.ExistingChunks());
        var back = new byte[4];
        array.Read<byte>([0], [4], back);
        Assert.Equal(new byte[] { 1, 2, 0, 0 }, back);
        Assert.Single(Directory.GetFiles(array.Path, "*.partial"));
    }

    [Fact]
    public void Zero_dimensional_arrays_hold_one_element()
    {
        using var temp = new TempDirectory();
        foreach (int format in new[] { 2, 3 })
        {
            var array = ZarrArray.Create(temp.Combine($"scalar{format}"), new ZarrArrayOptions { Shape = [], ChunkShape = [], DataType = DataType.Float64, ZarrFormat = format });
            array.Write<double>([], [], [2.5]);
            Assert.True(File.Exists(Path.Combine(array.Path, format == 2 ? "0" : "c")));
            var back = new double[1];
            ZarrArray.Open(array.Path).Read<double>([], [], back);
            Assert.Equal(2.5, back[0]);
        }
    }
}
