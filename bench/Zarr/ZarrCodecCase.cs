using System.Text.Json.Nodes;
using Volara.Runtime.Storage;

namespace Volara.Bench.Zarr;

/// <summary>One array configuration compared on both sides: element type, compressor, shape and data.</summary>
public sealed record ZarrCodecCase(
    string Name,
    DataType DataType,
    JsonObject Compressor,
    int[] QuickShape,
    int[] FullShape,
    ZarrCodecCase.Generator Generate)
{
    public delegate void Generator(Span<byte> destination, int depth, int height, int width);

    public static readonly int[] Chunks = [64, 64, 64];

    public static IReadOnlyList<ZarrCodecCase> All { get; } =
    [
        new("uint8 blosc-lz4+shuffle", DataType.UInt8, Blosc("lz4"), [384, 512, 512], [768, 1024, 1024], SyntheticVolume.Intensity),
        new("uint64 blosc-zstd", DataType.UInt64, Blosc("zstd"), [192, 256, 256], [384, 512, 512], SyntheticVolume.Labels),
        new("float32 gzip", DataType.Float32, new JsonObject { ["id"] = "gzip", ["level"] = 5 }, [384, 256, 256], [768, 512, 512], SyntheticVolume.SmoothFloats),
    ];

    private static JsonObject Blosc(string cname) =>
        new() { ["id"] = "blosc", ["cname"] = cname, ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 };
}
