using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>Builds bytes-to-bytes codecs from their Zarr v2 and v3 metadata objects.</summary>
public static class CodecRegistry
{
    /// <summary>A codec from a Zarr v2 compressor or filter object (<c>{"id": "blosc", ...}</c>).</summary>
    public static IBytesCodec FromV2Config(JsonObject config) =>
        throw new UnknownCodecException(config["id"]?.GetValue<string>() ?? "(missing id)");

    /// <summary>A bytes-to-bytes codec from a Zarr v3 codec object; <paramref name="dataType"/> supplies blosc's typesize.</summary>
    public static IBytesCodec FromV3Config(JsonObject codec, DataType dataType) =>
        throw new UnknownCodecException(codec["name"]?.GetValue<string>() ?? "(missing name)");
}
