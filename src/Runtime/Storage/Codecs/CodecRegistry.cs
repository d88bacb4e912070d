using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>Builds bytes-to-bytes codecs from their Zarr v2 and v3 metadata objects.</summary>
public static class CodecRegistry
{
    /// <summary>
    /// A codec from a Zarr v2 compressor or filter object (<c>{"id": "blosc", ...}</c>). Blosc built this way
    /// shuffles with typesize 1 when encoding; use the overload with the array's data type for writing.
    /// </summary>
    public static IBytesCodec FromV2Config(JsonObject config) => FromV2Config(config, DataType.UInt8);

    /// <summary>
    /// A codec from a Zarr v2 compressor or filter object; <paramref name="dataType"/> supplies blosc's typesize
    /// (numcodecs takes it from the chunk array's item size) and resolves its automatic shuffle.
    /// </summary>
    public static IBytesCodec FromV2Config(JsonObject config, DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(config);
        string id = ReadName(config, "id", "Zarr v2 codec");
        return id switch
        {
            "gzip" => new GzipCodec(CodecConfig.GetInt(config, id, "level", 1)),
            "zlib" => new ZlibCodec(CodecConfig.GetInt(config, id, "level", 1)),
            "zstd" => new ZstdCodec(CodecConfig.GetInt(config, id, "level", 1), CodecConfig.GetBool(config, id, "checksum", false)),
            "lz4" => new Lz4Codec(CodecConfig.GetInt(config, id, "acceleration", 1)),
            "crc32c" => new Crc32cCodec(),
            "blosc" => BloscCodec.FromV2(config, dataType),
            "shuffle" => new ShuffleCodec(CodecConfig.GetInt(config, id, "elementsize", 4)),
            _ => throw new UnknownCodecException(id),
        };
    }

    /// <summary>A bytes-to-bytes codec from a Zarr v3 codec object; <paramref name="dataType"/> supplies blosc's typesize.</summary>
    public static IBytesCodec FromV3Config(JsonObject codec, DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(codec);
        string name = ReadName(codec, "name", "Zarr v3 codec");
        var configuration = CodecConfig.V3Configuration(codec, name);
        return name switch
        {
            "gzip" => new GzipCodec(CodecConfig.GetInt(configuration, name, "level", 1)),
            "zstd" => new ZstdCodec(CodecConfig.GetInt(configuration, name, "level", 0), CodecConfig.GetBool(configuration, name, "checksum", false)),
            "crc32c" => new Crc32cCodec(),
            "blosc" => BloscCodec.FromV3(configuration, dataType),
            "numcodecs.zlib" => new ZlibCodec(CodecConfig.GetInt(configuration, name, "level", 1)),
            "numcodecs.shuffle" => new ShuffleCodec(CodecConfig.GetInt(configuration, name, "elementsize", 4)),
            "numcodecs.lz4" => new Lz4Codec(CodecConfig.GetInt(configuration, name, "acceleration", 1)),
            _ => throw new UnknownCodecException(name),
        };
    }

    private static string ReadName(JsonObject config, string key, string what)
    {
        var node = config[key];
        if (node is null)
        {
            throw new CodecException($"{what} has no '{key}': {config.ToJsonString()}");
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw new CodecException($"{what} '{key}' must be a string: {config.ToJsonString()}");
        }

        return node.GetValue<string>();
    }
}
