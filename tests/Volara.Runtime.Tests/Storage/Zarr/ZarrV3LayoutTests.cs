using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Zarr;

/// <summary>
/// Zarr v3 against bytes built by hand from the specification (no reference writer exists here):
/// zarr.json fields, chunk keys, transpose and endianness, and the sharding_indexed binary layout.
/// </summary>
public sealed class ZarrV3LayoutTests
{
    [Fact]
    public void Crc32c_matches_the_rfc3720_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32c.Compute("123456789"u8));
    }

    [Fact]
    public void Hand_built_shard_with_gaps_and_an_empty_inner_chunk_is_read()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("s");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "zarr.json"), """
        {
          "zarr_format": 3, "node_type": "array", "shape": [4, 4], "data_type": "uint16",
          "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [4, 4]}},
          "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
          "fill_value": 65535,
          "codecs": [{"name": "sharding_indexed", "configuration": {
              "chunk_shape": [2, 2],
              "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}],
              "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}],
              "index_location": "end"}}],
          "attributes": {"k": 1}, "dimension_names": ["y", null]
        }
        """);
        // Inner chunks (C order over the 2x2 inner grid): (0,0) = 1..4, (0,1) empty, (1,0) = 5..8, (1,1) = 9..12.
        // Stored out of order with a 3-byte gap: (1,1) at 0, (0,0) at 8, gap, (1,0) at 19.
        var body = new List<byte>();
        body.AddRange(U16(9, 10, 11, 12));
        body.AddRange(U16(1, 2, 3, 4));
        body.AddRange(new byte[] { 0xAA, 0xBB, 0xCC });
        body.AddRange(U16(5, 6, 7, 8));
        var index = new byte[68];
        WriteEntry(index, 0, 8, 8);
        WriteEntry(index, 1, ulong.MaxValue, ulong.MaxValue);
        WriteEntry(index, 2, 19, 8);
        WriteEntry(index, 3, 0, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(64), Crc32c.Compute(index.AsSpan(0, 64)));
        Directory.CreateDirectory(Path.Combine(path, "c", "0"));
        File.WriteAllBytes(Path.Combine(path, "c", "0", "0"), [.. body, .. index]);

        var array = ZarrArray.Open(path);
        Assert.Equal(3, array.ZarrFormat);
        Assert.Equal([2, 2], array.ChunkShape);
        Assert.Equal([4, 4], array.ShardShape!);
        Assert.Equal(["y", null], array.DimensionNames!);
        Assert.Equal(1, array.Attributes["k"]!.GetValue<int>());
        var values = new ushort[16];
        array.Read<ushort>([0, 0], [4, 4], values);
        ushort f = 65535;
        Assert.Equal(new ushort[] { 1, 2, f, f, 3, 4, f, f, 5, 6, 9, 10, 7, 8, 11, 12 }, values);
        var one = new ushort[2];
        array.Read<ushort>([3, 1], [1, 2], one);
        Assert.Equal(new ushort[] { 8, 11 }, one);
        Assert.Equal([[0L, 0L]], array.ExistingChunks());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Written_shard_has_the_specified_byte_layout(bool indexAtStart)
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("w"), new ZarrArrayOptions
        {
            Shape = [4, 4], ChunkShape = [2, 2], ShardShape = [4, 4], DataType = DataType.UInt16, ZarrFormat = 3,
            ShardIndexAtStart = indexAtStart, FillValue = JsonValue.Create(0),
        });
        var values = new ushort[16];
        for (int i = 0; i < 16; i++)
        {
            values[i] = (ushort)(i < 8 && i % 4 >= 2 ? 0 : i + 1); // inner chunk (0,1) is all fill
        }

        array.Write<ushort>([0, 0], [4, 4], values);
        var file = File.ReadAllBytes(Path.Combine(array.Path, "c", "0", "0"));
        Assert.Equal(3 * 8 + 68, file.Length);
        int data = indexAtStart ? 68 : 0;
        var index = indexAtStart ? file[..68] : file[24..92];
        Assert.Equal(Crc32c.Compute(index.AsSpan(0, 64)), BinaryPrimitives.ReadUInt32LittleEndian(index.AsSpan(64)));
        (ulong, ulong) Entry(int i) => (BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan(16 * i)), BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan((16 * i) + 8)));
        Assert.Equal(((ulong)data, 8UL), Entry(0));
        Assert.Equal((ulong.MaxValue, ulong.MaxValue), Entry(1));
        Assert.Equal(((ulong)data + 8, 8UL), Entry(2));
        Assert.Equal(((ulong)data + 16, 8UL), Entry(3));
        Assert.Equal(U16(1, 2, 5, 6), file.AsSpan(data, 8).ToArray());
        Assert.Equal(U16(9, 10, 13, 14), file.AsSpan(data + 8, 8).ToArray());
        Assert.Equal(U16(11, 12, 15, 16), file.AsSpan(data + 16, 8).ToArray());

        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(array.Path, "zarr.json")))!;
        var sharding = doc["codecs"]![0]!;
        Assert.Equal("sharding_indexed", sharding["name"]!.GetValue<string>());
        Assert.Equal(indexAtStart ? "start" : "end", sharding["configuration"]!["index_location"]!.GetValue<string>());
        Assert.Equal("crc32c", sharding["configuration"]!["index_codecs"]![1]!["name"]!.GetValue<string>());
        Assert.Equal("[4,4]", doc["chunk_grid"]!["configuration"]!["chunk_shape"]!.ToJsonString());
    }

    [Fact]
    public void Hand_built_transposed_big_endian_chunks_with_crc32c_are_read()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("t");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "zarr.json"), """
        {
          "zarr_format": 3, "node_type": "array", "shape": [2, 3], "data_type": "int32",
          "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2, 2]}},
          "chunk_key_encoding": {"name": "default", "configuration": {"separator": "."}},
          "fill_value": -1,
          "codecs": [{"name": "transpose", "configuration": {"order": [1, 0]}},
                     {"name": "bytes", "configuration": {"endian": "big"}}, {"name": "crc32c"}]
        }
        """);
        // Array [[1,2,3],[4,5,6]]; chunk c.0.0 holds [[1,2],[4,5]] stored transposed: 1,4,2,5 big-endian.
        byte[] payload = [.. I32BE(1, 4, 2, 5)];
        var chunk = new byte[payload.Length + 4];
        payload.CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(payload.Length), Crc32c.Compute(payload));
        File.WriteAllBytes(Path.Combine(path, "c.0.0"), chunk);

        var array = ZarrArray.Open(path);
        Assert.Equal('F', array.Order);
        Assert.True(array.DataType.BigEndian);
        var values = new int[6];
        array.Read<int>([0, 0], [2, 3], values);
        Assert.Equal(new[] { 1, 2, -1, 4, 5, -1 }, values);

        // Writing the same region back produces the same bytes for the first chunk.
        var writable = ZarrArray.Open(path, writable: true);
        writable.Write<int>([0, 0], [2, 2], [1, 2, 4, 5]);
        Assert.Equal(chunk, File.ReadAllBytes(Path.Combine(path, "c.0.0")));
    }

    [Fact]
    public void Hex_and_named_float_fill_values_are_understood()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("h"), new ZarrArrayOptions
        {
            Shape = [3], ChunkShape = [2], DataType = DataType.Float32, ZarrFormat = 3, FillValue = JsonValue.Create("0x7fc00001"),
        });
        Assert.Equal(BitConverter.GetBytes(0x7fc00001u), array.FillValue.ToArray());
        Assert.Equal("0x7fc00001", array.FillValueJson!.GetValue<string>());
        var nan = ZarrArray.Create(temp.Combine("n"), new ZarrArrayOptions
        {
            Shape = [3], ChunkShape = [2], DataType = DataType.Float32, ZarrFormat = 3, FillValue = JsonValue.Create("NaN"),
        });
        Assert.Equal(BitConverter.GetBytes(0x7fc00000u), nan.FillValue.ToArray());
    }

    [Fact]
    public void Chunk_key_encodings_place_files_as_specified()
    {
        using var temp = new TempDirectory();
        foreach (var (encoding, separator, expected) in new[]
                 {
                     ("default", (string?)null, Path.Combine("c", "1", "0")), ("default", ".", "c.1.0"), ("v2", null, "1.0"), ("v2", "/", Path.Combine("1", "0")),
                 })
        {
            var array = ZarrArray.Create(temp.Combine($"{encoding}{separator}".Replace('/', 's')), new ZarrArrayOptions
            {
                Shape = [4, 2], ChunkShape = [2, 2], DataType = DataType.UInt8, ZarrFormat = 3, ChunkKeyEncoding = encoding, DimensionSeparator = separator,
            });
            array.Write<byte>([2, 0], [2, 2], [1, 2, 3, 4]);
            Assert.True(File.Exists(Path.Combine(array.Path, expected)), $"{encoding}/{separator}: {expected} missing");
            Assert.Equal([[1L, 0L]], array.ExistingChunks());
            var back = new byte[8];
            ZarrArray.Open(array.Path).Read<byte>([0, 0], [4, 2], back);
            Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 2, 3, 4 }, back);
        }
    }

    [Fact]
    public void Transpose_with_a_general_permutation_stores_numpy_transposed_bytes()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("perm");
        ZarrArray.Create(path, new ZarrArrayOptions { Shape = [2, 3, 4], ChunkShape = [2, 3, 4], DataType = DataType.Int16, ZarrFormat = 3 });
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(path, "zarr.json")))!.AsObject();
        doc["codecs"] = JsonNode.Parse("""
            [{"name": "transpose", "configuration": {"order": [2, 0, 1]}}, {"name": "bytes", "configuration": {"endian": "big"}}]
            """);
        File.WriteAllText(Path.Combine(path, "zarr.json"), doc.ToJsonString());
        var array = ZarrArray.Open(path, writable: true);
        Assert.Equal('C', array.Order);
        var values = Enumerable.Range(0, 24).Select(i => (short)(i * 100 - 700)).ToArray();
        array.Write<short>([0, 0, 0], [2, 3, 4], values);

        const string script = """
import sys, numpy as np
a = (np.arange(24, dtype=np.int64) * 100 - 700).astype(">i2").reshape(2, 3, 4)
sys.stdout.write(np.ascontiguousarray(np.transpose(a, (2, 0, 1))).tobytes().hex())
""";
        Assert.Equal(ReferencePython.Run(script), Convert.ToHexString(File.ReadAllBytes(Path.Combine(path, "c", "0", "0", "0"))).ToLowerInvariant());
        var back = new short[24];
        ZarrArray.Open(path).Read<short>([0, 0, 0], [2, 3, 4], back);
        Assert.Equal(values, back);
    }

    private static void WriteEntry(byte[] index, int i, ulong offset, ulong length)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16 * i), offset);
        BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan((16 * i) + 8), length);
    }

    private static byte[] U16(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        }

        return bytes;
    }

    private static byte[] I32BE(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }
}
