using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Zarr;

/// <summary>Bit-exact exchange of Zarr v2 arrays with zarr-python 2.13 (the reference implementation), both directions.</summary>
public sealed class ZarrV2PythonInteropTests
{
    /// <summary>numcodecs compressor configs exercised against zarr-python (null = no compressor).</summary>
    private static readonly JsonObject?[] Compressors =
    [
        null,
        new() { ["id"] = "gzip", ["level"] = 5 },
        new() { ["id"] = "zlib", ["level"] = 3 },
        new() { ["id"] = "zstd", ["level"] = 3 },
        new() { ["id"] = "lz4", ["acceleration"] = 1 },
        new() { ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 },
        new() { ["id"] = "blosc", ["cname"] = "zstd", ["clevel"] = 3, ["shuffle"] = 2, ["blocksize"] = 0 },
        new() { ["id"] = "blosc", ["cname"] = "blosclz", ["clevel"] = 9, ["shuffle"] = 0, ["blocksize"] = 0 },
    ];

    private const string PythonWriter = """
import sys, json, numpy as np, zarr, numcodecs
root, specs = sys.argv[1], json.loads(sys.argv[2])
for s in specs:
    dt = np.dtype(s["dtype"]); little = dt.newbyteorder("<"); shape = tuple(s["shape"]); n = int(np.prod(shape))
    rng = np.random.default_rng(s["seed"])
    if dt.kind == "b": flat = rng.integers(0, 2, n).astype(bool)
    elif dt.kind == "f": flat = (rng.integers(-100000, 100000, n) / 64).astype(little)
    else:
        info = np.iinfo(little); flat = rng.integers(info.min, info.max, n, dtype=little, endpoint=True)
    flat[::5] = 0
    data = flat.reshape(shape)
    comp = numcodecs.get_codec(s["compressor"]) if s["compressor"] else None
    filters = [numcodecs.get_codec(f) for f in s["filters"]] or None
    z = zarr.open_array(root + "/" + s["name"], mode="w", shape=shape, chunks=tuple(s["chunks"]), dtype=dt, order=s["order"],
                        dimension_separator=s["sep"], compressor=comp, filters=filters, fill_value=s["fill"])
    expected = np.empty(shape, dtype=little)
    if s["partial"]:
        expected[...] = z.fill_value if z.fill_value is not None else 0
        z[: shape[0] // 2] = data[: shape[0] // 2]
        expected[: shape[0] // 2] = data[: shape[0] // 2]
    else:
        z[...] = data
        expected[...] = data
    open(root + "/" + s["name"] + ".bin", "wb").write(np.ascontiguousarray(expected).tobytes())
print("ok")
""";

    private const string PythonReader = """
import sys, json, numpy as np, zarr
root, names = sys.argv[1], json.loads(sys.argv[2])
result = {}
for name in names:
    z = zarr.open_array(root + "/" + name, mode="r")
    got = np.ascontiguousarray(z[...].astype(z.dtype.newbyteorder("<"))).tobytes()
    result[name] = got == open(root + "/" + name + ".bin", "rb").read()
print(json.dumps(result))
""";

    [Fact]
    public void Arrays_written_by_zarr_python_read_bit_exactly()
    {
        using var temp = new TempDirectory();
        var specs = new JsonArray();
        int seed = 0;
        foreach (var (compressor, type, order, big) in Matrix())
        {
            string byteOrder = type.Size == 1 ? "|" : big ? ">" : "<";
            string sep = seed % 2 == 0 ? "." : "/";
            specs.Add(Spec($"a{seed}", byteOrder + type.TypeString[1..], [7, 6, 5], [3, 4, 2], order.ToString(), sep, compressor, fill: null, partial: false, seed++));
        }

        specs.Add(Spec("fill_nan", "<f4", [9, 4], [4, 3], "C", ".", null, JsonValue.Create("NaN"), partial: true, seed++));
        specs.Add(Spec("fill_42", ">i2", [9, 4], [4, 3], "F", "/", null, JsonValue.Create(42), partial: true, seed++));
        specs.Add(Spec("fill_ninf", "<f8", [9, 4], [4, 3], "C", ".", null, JsonValue.Create("-Infinity"), partial: true, seed++));
        specs.Add(Spec("fill_true", "|b1", [9, 4], [4, 3], "C", ".", null, JsonValue.Create(true), partial: true, seed++));
        var zlibFilter = new JsonArray { new JsonObject { ["id"] = "zlib", ["level"] = 1 } };
        var filtered = Spec("filtered", "<i4", [9, 4], [4, 3], "C", ".", Compressors[1], null, partial: false, seed++);
        filtered["filters"] = zlibFilter;
        specs.Add(filtered);
        var shuffled = Spec("shuffled", "<f4", [9, 4], [4, 3], "F", "/", Compressors[3], null, partial: false, seed++);
        shuffled["filters"] = new JsonArray { new JsonObject { ["id"] = "shuffle", ["elementsize"] = 4 } };
        specs.Add(shuffled);
        specs.Add(Spec("fill_none", "<u4", [9, 4], [4, 3], "C", ".", null, null, partial: true, seed++, fillNull: true));

        Assert.Equal("ok", ReferencePython.Run(PythonWriter, temp.Path, specs.ToJsonString()).Trim());

        foreach (var spec in specs)
        {
            string name = spec!["name"]!.GetValue<string>();
            var array = ZarrArray.Open(temp.Combine(name));
            long[] shape = [.. array.Shape];
            var expected = File.ReadAllBytes(temp.Combine(name + ".bin"));
            var got = new byte[expected.Length];
            array.Read(new long[shape.Length], shape, got);
            Assert.True(expected.AsSpan().SequenceEqual(got), $"{name} ({spec.ToJsonString()}) differs");

            // A region reaching outside the array on both sides.
            long[] start = [.. shape.Select(_ => -1L)];
            long[] size = [.. shape.Select(s => s + 2)];
            var region = new byte[TestElements.Count(size) * array.DataType.Size];
            array.Read(start, size, region);
            Assert.Equal(TestElements.Crop(expected, shape, start, size, array.DataType.Size, array.FillValue.ToArray()), region);
        }
    }

    [Fact]
    public void Arrays_written_here_are_read_bit_exactly_by_zarr_python()
    {
        using var temp = new TempDirectory();
        var names = new JsonArray();
        int seed = 100;
        var lists = Matrix().Select(m => (Codecs: m.Compressor is null ? [] : new[] { CodecRegistry.FromV2Config(m.Compressor) }, m.Type, m.Order, m.BigEndian))
            .Append(([CodecRegistry.FromV2Config(new JsonObject { ["id"] = "zlib", ["level"] = 1 }), CodecRegistry.FromV2Config(Compressors[3]!)], DataType.Int32, 'C', false))
            .Append(([CodecRegistry.FromV2Config(new JsonObject { ["id"] = "shuffle", ["elementsize"] = 8 }), CodecRegistry.FromV2Config(Compressors[1]!)], DataType.Float64, 'F', true));
        foreach (var (codecs, type, order, big) in lists)
        {
            string name = $"b{seed}";
            long[] shape = [5, 7, 6];
            var array = ZarrArray.Create(temp.Combine(name), new ZarrArrayOptions
            {
                Shape = shape, ChunkShape = [2, 3, 4], DataType = type, Order = order, BigEndian = big, Codecs = codecs,
                DimensionSeparator = seed % 2 == 0 ? "." : "/",
                FillValue = type.IsFloatingPoint && seed % 3 == 0 ? JsonValue.Create("NaN") : null,
            });
            var data = TestElements.Random(type, TestElements.Count(shape), seed++);
            array.Write([0, 0, 0], shape, data);
            File.WriteAllBytes(temp.Combine(name + ".bin"), data);
            names.Add(name);
        }

        // A partly written array: missing chunks must read as the fill value in zarr-python too.
        var partial = ZarrArray.Create(temp.Combine("partial"), new ZarrArrayOptions
        {
            Shape = [6, 6], ChunkShape = [4, 4], DataType = DataType.Int16, FillValue = JsonValue.Create(-3),
        });
        partial.Write<short>([0, 0], [2, 2], [1, 2, 3, 4]);
        var expectedPartial = new short[36];
        Array.Fill(expectedPartial, (short)-3);
        expectedPartial[0] = 1;
        expectedPartial[1] = 2;
        expectedPartial[6] = 3;
        expectedPartial[7] = 4;
        File.WriteAllBytes(temp.Combine("partial.bin"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(expectedPartial.AsSpan()).ToArray());
        names.Add("partial");

        var result = JsonNode.Parse(ReferencePython.Run(PythonReader, temp.Path, names.ToJsonString()))!.AsObject();
        Assert.Equal(names.Count, result.Count);
        foreach (var (name, ok) in result)
        {
            Assert.True(ok!.GetValue<bool>(), $"zarr-python read {name} differently");
        }
    }

    /// <summary>
    /// Every dtype in both orders and byte orders without a compressor; with each compressor, every dtype
    /// once, alternating order and byte order (keeps the python side fast).
    /// </summary>
    private static IEnumerable<(JsonObject? Compressor, DataType Type, char Order, bool BigEndian)> Matrix()
    {
        int k = 0;
        foreach (var compressor in Compressors)
        {
            foreach (var type in TestElements.AllTypes)
            {
                if (compressor is not null)
                {
                    yield return (compressor, type, k % 2 == 0 ? 'C' : 'F', type.Size > 1 && k / 2 % 2 == 0);
                    k++;
                    continue;
                }

                foreach (char order in new[] { 'C', 'F' })
                {
                    foreach (bool big in type.Size > 1 ? new[] { false, true } : new[] { false })
                    {
                        yield return (compressor, type, order, big);
                    }
                }
            }
        }
    }

    private static JsonObject Spec(string name, string dtype, long[] shape, int[] chunks, string order, string sep, JsonObject? compressor,
        JsonNode? fill, bool partial, int seed, bool fillNull = false) => new()
    {
        ["name"] = name,
        ["dtype"] = dtype,
        ["shape"] = new JsonArray([.. shape.Select(s => (JsonNode)s)]),
        ["chunks"] = new JsonArray([.. chunks.Select(s => (JsonNode)s)]),
        ["order"] = order,
        ["sep"] = sep,
        ["compressor"] = compressor?.DeepClone(),
        ["filters"] = new JsonArray(),
        ["fill"] = fill ?? (fillNull ? null : JsonValue.Create(0)),
        ["partial"] = partial,
        ["seed"] = seed,
    };
}
