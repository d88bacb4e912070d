using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Zarr;

public sealed class ZarrV3RoundTripTests
{
    public static TheoryData<string, bool, char, bool, bool> Layouts()
    {
        var data = new TheoryData<string, bool, char, bool, bool>();
        int i = 0;
        foreach (var type in TestElements.AllTypes)
        {
            foreach (bool sharded in new[] { false, true })
            {
                char order = i % 2 == 0 ? 'C' : 'F';
                data.Add(type.NumpyName, sharded, order, type.Size > 1 && i % 3 == 0, i % 4 < 2);
                i++;
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Whole_and_partial_regions_round_trip(string typeName, bool sharded, char order, bool bigEndian, bool indexAtStart)
    {
        using var temp = new TempDirectory();
        var type = DataType.TryParseName(typeName)!.Value;
        long[] shape = [9, 7, 5];
        var options = new ZarrArrayOptions
        {
            Shape = shape, ChunkShape = [2, 3, 2], ShardShape = sharded ? [4, 6, 4] : null, DataType = type, ZarrFormat = 3,
            Order = order, BigEndian = bigEndian, ShardIndexAtStart = indexAtStart, DimensionNames = ["z", "y", "x"],
            Codecs = [CodecRegistry.FromV3Config(new JsonObject { ["name"] = "zstd", ["configuration"] = new JsonObject { ["level"] = 1 } }, type)],
        };
        var array = ZarrArray.Create(temp.Combine("v3.zarr", "g", "a"), options);
        var data = TestElements.Random(type, TestElements.Count(shape), 3);
        array.Write([0, 0, 0], shape, data);
        var reopened = ZarrArray.Open(array.Path);
        Assert.Equal(order, reopened.Order);
        Assert.Equal(["z", "y", "x"], reopened.DimensionNames!);
        var back = new byte[data.Length];
        reopened.Read([0, 0, 0], shape, back);
        Assert.Equal(data, back);

        // Overwrite an unaligned box, then compare everything (and beyond) against a reference.
        long[] start = [1, 2, 1];
        long[] size = [5, 4, 3];
        var patch = TestElements.Random(type, TestElements.Count(size), 4);
        var writable = ZarrArray.Open(array.Path, writable: true);
        writable.Write(start, size, patch);
        ApplyPatch(data, shape, patch, start, size, type.Size);
        long[] outsideStart = [-1, -2, 0];
        long[] outsideSize = [11, 10, 6];
        var region = new byte[TestElements.Count(outsideSize) * type.Size];
        writable.Read(outsideStart, outsideSize, region);
        Assert.Equal(TestElements.Crop(data, shape, outsideStart, outsideSize, type.Size, array.FillValue.ToArray()), region);
    }

    [Fact]
    public void Shards_holding_only_fill_are_removed_and_untouched_inner_chunks_are_kept()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("e"), new ZarrArrayOptions
        {
            Shape = [8, 8], ChunkShape = [2, 2], ShardShape = [4, 4], DataType = DataType.Int32, ZarrFormat = 3, FillValue = JsonValue.Create(5),
        });
        array.Write<int>([0, 0], [1, 1], [1]);
        array.Write<int>([3, 3], [1, 1], [2]);
        array.Write<int>([5, 0], [1, 2], [3, 4]);
        Assert.Equal([[0L, 0L], [1L, 0L]], array.ExistingChunks());
        var values = new int[64];
        array.Read<int>([0, 0], [8, 8], values);
        Assert.Equal(1, values[0]);
        Assert.Equal(2, values[27]);
        Assert.Equal(3, values[40]);
        Assert.Equal(4, values[41]);
        Assert.Equal(64 - 4, values.Count(v => v == 5));

        array.Write<int>([0, 0], [1, 1], [5]);
        array.Write<int>([3, 3], [1, 1], [5]);
        Assert.Equal([[1L, 0L]], array.ExistingChunks());
        array.Write<int>([4, 0], [4, 4], Enumerable.Repeat(5, 16).ToArray());
        Assert.Empty(array.ExistingChunks());
    }

    [Fact]
    public void Edge_shards_with_inner_chunks_outside_the_array_round_trip()
    {
        using var temp = new TempDirectory();
        long[] shape = [5, 3];
        var array = ZarrArray.Create(temp.Combine("edge"), new ZarrArrayOptions
        {
            Shape = shape, ChunkShape = [2, 2], ShardShape = [4, 4], DataType = DataType.UInt8, ZarrFormat = 3, ShardIndexAtStart = true,
        });
        var data = TestElements.Random(DataType.UInt8, 15, 9);
        data[^1] = 7;
        array.Write([0, 0], shape, data);
        Assert.Equal([[0L, 0L], [1L, 0L]], array.ExistingChunks());
        var back = new byte[15];
        array.Read([0, 0], shape, back);
        Assert.Equal(data, back);
    }

    [Fact]
    public void Group_and_array_metadata_written_in_v3_is_well_formed()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("root.zarr", "sub", "arr"), new ZarrArrayOptions
        {
            Shape = [2, 3], ChunkShape = [2, 3], DataType = DataType.Float64, ZarrFormat = 3, Attributes = new JsonObject { ["a"] = 1 },
        });
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(array.Path, "zarr.json")))!.AsObject();
        Assert.Equal(3, doc["zarr_format"]!.GetValue<int>());
        Assert.Equal("array", doc["node_type"]!.GetValue<string>());
        Assert.Equal("float64", doc["data_type"]!.GetValue<string>());
        Assert.Equal("""[{"name":"bytes","configuration":{"endian":"little"}}]""", doc["codecs"]!.ToJsonString());
        Assert.Equal("""{"name":"default","configuration":{"separator":"/"}}""", doc["chunk_key_encoding"]!.ToJsonString());
        Assert.Equal(0, doc["fill_value"]!.GetValue<int>());
        foreach (var group in new[] { "root.zarr", Path.Combine("root.zarr", "sub") })
        {
            var groupDoc = JsonNode.Parse(File.ReadAllText(temp.Combine(group, "zarr.json")))!;
            Assert.Equal("group", groupDoc["node_type"]!.GetValue<string>());
        }

        array.UpdateAttributes(new JsonObject { ["b"] = 2 });
        var reread = JsonNode.Parse(File.ReadAllText(Path.Combine(array.Path, "zarr.json")))!;
        Assert.Equal("""{"a":1,"b":2}""", reread["attributes"]!.ToJsonString());
        Assert.Equal("float64", reread["data_type"]!.GetValue<string>());
    }

    [Fact]
    public void Concurrent_writers_of_one_shard_through_separate_handles_keep_every_write()
    {
        using var temp = new TempDirectory();
        var first = ZarrArray.Create(temp.Combine("cs"), new ZarrArrayOptions
        {
            Shape = [8, 8], ChunkShape = [2, 2], ShardShape = [8, 8], DataType = DataType.UInt16, ZarrFormat = 3,
        });
        var second = ZarrArray.Open(first.Path, writable: true);
        Parallel.For(0, 64, i => (i % 2 == 0 ? first : second).Write<ushort>([i / 8, i % 8], [1, 1], [(ushort)(i + 1)]));
        var back = new ushort[64];
        first.Read<ushort>([0, 0], [8, 8], back);
        Assert.Equal(Enumerable.Range(1, 64).Select(i => (ushort)i), back);
    }

    private static void ApplyPatch(byte[] data, long[] shape, byte[] patch, long[] start, long[] size, int elementSize)
    {
        for (long z = 0; z < size[0]; z++)
        {
            for (long y = 0; y < size[1]; y++)
            {
                for (long x = 0; x < size[2]; x++)
                {
                    long target = ((((start[0] + z) * shape[1]) + start[1] + y) * shape[2]) + start[2] + x;
                    long source = (((z * size[1]) + y) * size[2]) + x;
                    Array.Copy(patch, source * elementSize, data, target * elementSize, elementSize);
                }
            }
        }
    }
}
