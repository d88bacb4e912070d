using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Cli.Copy;

/// <summary>The compression presets offered by <c>volara copy --codec</c>.</summary>
public static class CodecChoice
{
    public static readonly IReadOnlyList<string> Names = ["none", "gzip", "zstd", "lz4", "blosc-lz4", "blosc-zstd"];

    /// <summary>Checks a <c>--codec</c> value; throws <see cref="FormatException"/> naming the choices.</summary>
    public static string Parse(string text) => Names.Contains(text)
        ? text
        : throw new FormatException($"unknown codec '{text}' (choose one of {string.Join(", ", Names)})");

    /// <summary>
    /// The codecs for a preset. Zarr v3 codecs are built from v3 metadata so blosc learns the element size
    /// (its shuffle works per element); v2 metadata has no place for it.
    /// </summary>
    public static IReadOnlyList<IBytesCodec> Build(string name, int zarrFormat, DataType dataType)
    {
        if (name == "none")
        {
            return [];
        }

        if (zarrFormat == 3 && V3Config(name, dataType) is { } v3)
        {
            return [CodecRegistry.FromV3Config(v3, dataType)];
        }

        return [CodecRegistry.FromV2Config(V2Config(name), dataType)];
    }

    private static JsonObject V2Config(string name) => name switch
    {
        "gzip" => new() { ["id"] = "gzip", ["level"] = 5 },
        "zstd" => new() { ["id"] = "zstd", ["level"] = 3 },
        "lz4" => new() { ["id"] = "lz4", ["acceleration"] = 1 },
        "blosc-lz4" => Blosc("lz4"),
        "blosc-zstd" => Blosc("zstd"),
        _ => throw new FormatException($"unknown codec '{name}'"),
    };

    private static JsonObject Blosc(string cname) =>
        new() { ["id"] = "blosc", ["cname"] = cname, ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 };

    private static JsonObject? V3Config(string name, DataType dataType) => name switch
    {
        "gzip" => new() { ["name"] = "gzip", ["configuration"] = new JsonObject { ["level"] = 5 } },
        "zstd" => new() { ["name"] = "zstd", ["configuration"] = new JsonObject { ["level"] = 3, ["checksum"] = false } },
        "blosc-lz4" or "blosc-zstd" => new()
        {
            ["name"] = "blosc",
            ["configuration"] = new JsonObject
            {
                ["cname"] = name["blosc-".Length..],
                ["clevel"] = 5,
                ["shuffle"] = "shuffle",
                ["typesize"] = dataType.Size,
                ["blocksize"] = 0,
            },
        },
        _ => null, // lz4 has no v3 spelling of its own; the store writes the codec's own v3 form.
    };
}
