using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Zarr;

public sealed class ZarrErrorTests
{
    [Fact]
    public void Truncated_compressed_chunk_names_array_and_key()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("t"), new ZarrArrayOptions
        {
            Shape = [64], ChunkShape = [32], DataType = DataType.UInt32,
            Codecs = [CodecRegistry.FromV2Config(new JsonObject { ["id"] = "gzip", ["level"] = 1 })],
        });
        array.Write<uint>([0], [64], Enumerable.Range(0, 64).Select(i => (uint)(i * 2654435761u)).ToArray());
        string chunk = Path.Combine(array.Path, "1");
        var bytes = File.ReadAllBytes(chunk);
        File.WriteAllBytes(chunk, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ChunkCorruptException>(() => array.Read<uint>([0], [64], new uint[64]));
        Assert.Equal(array.Path, e.ArrayPath);
        Assert.Equal("1", e.ChunkKey);
        Assert.Contains("'1'", e.Message);
        Assert.Contains(array.Path, e.Message);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public void Uncompressed_chunk_of_the_wrong_size_is_corrupt()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("w"), new ZarrArrayOptions { Shape = [4, 4], ChunkShape = [2, 2], DataType = DataType.Int16, DimensionSeparator = "/" });
        array.Write<short>([0, 0], [2, 2], [1, 2, 3, 4]);
        File.WriteAllBytes(Path.Combine(array.Path, "0", "0"), new byte[7]);
        var e = Assert.Throws<ChunkCorruptException>(() => array.Read<short>([0, 0], [4, 4], new short[16]));
        Assert.Equal("0/0", e.ChunkKey);
        // A partial write that must read the corrupt chunk fails too and leaves it as it was.
        Assert.Throws<ChunkCorruptException>(() => array.Write<short>([0, 0], [1, 1], [9]));
        Assert.Equal(new byte[7], File.ReadAllBytes(Path.Combine(array.Path, "0", "0")));
    }

    [Fact]
    public void Shard_with_a_bad_index_checksum_is_corrupt()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("s"), new ZarrArrayOptions
        {
            Shape = [4], ChunkShape = [2], ShardShape = [4], DataType = DataType.UInt8, ZarrFormat = 3,
        });
        array.Write<byte>([0], [4], [1, 2, 3, 4]);
        string shard = Path.Combine(array.Path, "c", "0");
        var bytes = File.ReadAllBytes(shard);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(shard, bytes);
        var e = Assert.Throws<ChunkCorruptException>(() => array.Read<byte>([0], [4], new byte[4]));
        Assert.Equal("c/0", e.ChunkKey);
        Assert.Contains("checksum", e.Message);
        File.WriteAllBytes(shard, bytes[..10]);
        Assert.Throws<ChunkCorruptException>(() => array.Read<byte>([0], [4], new byte[4]));
    }

    [Theory]
    [InlineData("shape", "{\"zarr_format\":2,\"chunks\":[2],\"dtype\":\"<u2\",\"compressor\":null,\"fill_value\":0,\"order\":\"C\",\"filters\":null}")]
    [InlineData("chunks", "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[0],\"dtype\":\"<u2\",\"compressor\":null,\"fill_value\":0,\"order\":\"C\",\"filters\":null}")]
    [InlineData("order", "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"<u2\",\"compressor\":null,\"fill_value\":0,\"order\":\"X\",\"filters\":null}")]
    [InlineData("fill_value", "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"<u2\",\"compressor\":null,\"fill_value\":\"abc\",\"order\":\"C\",\"filters\":null}")]
    [InlineData("fill_value", "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"|u1\",\"compressor\":null,\"fill_value\":300,\"order\":\"C\",\"filters\":null}")]
    [InlineData("dimension_separator", "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"<u2\",\"compressor\":null,\"fill_value\":0,\"order\":\"C\",\"filters\":null,\"dimension_separator\":\"-\"}")]
    public void Malformed_zarray_names_file_and_field(string field, string json)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("m");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, ".zarray"), json);
        var e = Assert.Throws<MetadataException>(() => ZarrArray.Open(path));
        Assert.Equal(".zarray", e.File);
        Assert.Equal(field, e.Field);
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void An_array_that_cannot_be_written_where_asked_says_so_without_the_hidden_staging_names()
    {
        // The kernel's /proc takes no new directories, whoever runs the tests (root included).
        string path = "/proc/volara-cannot-create";

        var e = Assert.Throws<ZarrException>(() => ZarrArray.Create(path, new ZarrArrayOptions { Shape = [4], ChunkShape = [2], DataType = DataType.UInt8 }));

        Assert.Contains($"zarr '{path}': cannot be created: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".creating", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zarray_that_is_not_JSON_is_said_with_its_line()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("m");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, ".zarray"), "{\"zarr_format\": 2,\n  \"shape\": [4");

        var e = Assert.Throws<MetadataException>(() => ZarrArray.Open(path));

        Assert.Equal(MetadataReader.DocumentField, e.Field);
        Assert.Contains(": .zarray is not valid JSON (line 2): ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("codecs", "\"codecs\": []")]
    [InlineData("codecs", "\"codecs\": [{\"name\": \"gzip\", \"configuration\": {\"level\": 1}}]")]
    [InlineData("codecs", "\"codecs\": [{\"name\": \"bytes\"}]")]
    [InlineData("codecs", "\"codecs\": [{\"name\": \"transpose\", \"configuration\": {\"order\": [0, 0]}}, {\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}]")]
    public void Malformed_zarr_json_names_file_and_field(string field, string codecs)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("m3");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "zarr.json"), $$$"""
        {"zarr_format": 3, "node_type": "array", "shape": [4, 4], "data_type": "uint16",
         "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2, 2]}},
         "chunk_key_encoding": {"name": "default"}, "fill_value": 0, {{{codecs}}} }
        """);
        var e = Assert.Throws<MetadataException>(() => ZarrArray.Open(path));
        Assert.Equal("zarr.json", e.File);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Unknown_codecs_filters_and_dtypes_are_unsupported()
    {
        using var temp = new TempDirectory();
        string v2 = temp.Combine("u2");
        Directory.CreateDirectory(v2);
        File.WriteAllText(Path.Combine(v2, ".zarray"),
            """{"zarr_format":2,"shape":[4],"chunks":[2],"dtype":"<u2","compressor":{"id":"nosuch"},"fill_value":0,"order":"C","filters":null}""");
        var e = Assert.Throws<UnsupportedFeatureException>(() => ZarrArray.Open(v2));
        Assert.Contains("nosuch", e.Message);
        Assert.IsType<UnknownCodecException>(e.InnerException);

        File.WriteAllText(Path.Combine(v2, ".zarray"),
            """{"zarr_format":2,"shape":[4],"chunks":[2],"dtype":"<u2","compressor":null,"fill_value":0,"order":"C","filters":[{"id":"delta","dtype":"<u2"}]}""");
        e = Assert.Throws<UnsupportedFeatureException>(() => ZarrArray.Open(v2));
        Assert.Contains("delta", e.Message);

        File.WriteAllText(Path.Combine(v2, ".zarray"),
            """{"zarr_format":2,"shape":[4],"chunks":[2],"dtype":"<c8","compressor":null,"fill_value":0,"order":"C","filters":null}""");
        Assert.Contains("<c8", Assert.Throws<UnsupportedFeatureException>(() => ZarrArray.Open(v2)).Message);

        string v3 = temp.Combine("u3");
        Directory.CreateDirectory(v3);
        File.WriteAllText(Path.Combine(v3, "zarr.json"), """
        {"zarr_format": 3, "node_type": "array", "shape": [4], "data_type": "uint16",
         "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2]}},
         "chunk_key_encoding": {"name": "default"}, "fill_value": 0,
         "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "nosuch3"}]}
        """);
        e = Assert.Throws<UnsupportedFeatureException>(() => ZarrArray.Open(v3));
        Assert.Contains("nosuch3", e.Message);
        Assert.IsType<UnknownCodecException>(e.InnerException);
    }

    [Fact]
    public void Missing_paths_and_groups_are_not_arrays()
    {
        using var temp = new TempDirectory();
        Assert.Throws<ArrayNotFoundException>(() => ZarrArray.Open(temp.Combine("nothing")));
        Directory.CreateDirectory(temp.Combine("empty"));
        Assert.Throws<ArrayNotFoundException>(() => ZarrArray.Open(temp.Combine("empty")));
        ZarrGroup.Create(temp.Combine("g2"));
        ZarrGroup.Create(temp.Combine("g3"), zarrFormat: 3);
        Assert.Contains("group", Assert.Throws<ArrayNotFoundException>(() => ZarrArray.Open(temp.Combine("g2"))).Message);
        Assert.Contains("group", Assert.Throws<ArrayNotFoundException>(() => ZarrArray.Open(temp.Combine("g3"))).Message);
        Assert.False(ZarrArray.Exists(temp.Combine("g3")));
        Assert.True(ZarrGroup.Exists(temp.Combine("g3")));
    }

    [Fact]
    public void Failed_writes_leave_existing_chunks_byte_identical()
    {
        using var temp = new TempDirectory();
        foreach (int format in new[] { 2, 3 })
        {
            var array = ZarrArray.Create(temp.Combine($"f{format}"), new ZarrArrayOptions
            {
                Shape = [6, 6], ChunkShape = [3, 3], ShardShape = format == 3 ? [6, 6] : null, DataType = DataType.Float32, ZarrFormat = format,
            });
            array.Write<float>([0, 0], [6, 6], Enumerable.Range(1, 36).Select(i => (float)i).ToArray());
            var before = Snapshot(array.Path);

            Assert.Throws<DataTypeMismatchException>(() => array.Write<double>([0, 0], [1, 1], [1.0]));
            Assert.Throws<DataTypeMismatchException>(() => array.Read<int>([0, 0], [1, 1], new int[1]));
            var outside = Assert.Throws<RegionOutOfBoundsException>(() => array.Write<float>([4, 4], [3, 3], new float[9]));
            Assert.Equal(array.Path, outside.ArrayPath);
            Assert.Throws<RegionOutOfBoundsException>(() => array.Write<float>([-1, 0], [1, 1], new float[1]));
            Assert.Throws<ArgumentException>(() => array.Write<float>([0, 0], [2, 2], new float[3]));
            Assert.Throws<ArgumentException>(() => array.Write<float>([0], [2], new float[2]));
            Assert.Throws<ReadOnlyArrayException>(() => ZarrArray.Open(array.Path).Write<float>([0, 0], [1, 1], [0f]));
            Assert.Throws<ReadOnlyArrayException>(() => ZarrArray.Open(array.Path).SetAttributes([]));

            Assert.Equal(before, Snapshot(array.Path));
        }
    }

    [Fact]
    public void Creating_over_an_existing_node_needs_overwrite()
    {
        using var temp = new TempDirectory();
        var options = new ZarrArrayOptions { Shape = [2], ChunkShape = [2], DataType = DataType.UInt8 };
        var array = ZarrArray.Create(temp.Combine("x"), options);
        array.Write<byte>([0], [2], [1, 2]);
        Assert.Throws<ZarrException>(() => ZarrArray.Create(temp.Combine("x"), options));
        var replaced = ZarrArray.Create(temp.Combine("x"), options with { ZarrFormat = 3 }, overwrite: true);
        Assert.Equal(3, replaced.ZarrFormat);
        Assert.Empty(replaced.ExistingChunks());
        Assert.False(File.Exists(temp.Combine("x", ".zarray")));
        Assert.Throws<ArgumentException>(() => ZarrArray.Create(temp.Combine("y"), options with { ShardShape = [3], ZarrFormat = 3 }));
        Assert.Throws<ArgumentException>(() => ZarrArray.Create(temp.Combine("y"), options with { ShardShape = [2] }));
        Assert.False(Directory.Exists(temp.Combine("y")));
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));
}
