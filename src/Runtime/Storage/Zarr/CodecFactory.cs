using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Builds bytes-to-bytes codecs from metadata, turning registry failures into array-level errors.</summary>
internal static class CodecFactory
{
    public static IBytesCodec FromV2(JsonObject config, DataType dataType, MetadataReader reader, string field)
    {
        try
        {
            return CodecRegistry.FromV2Config(config, dataType);
        }
        catch (UnknownCodecException e)
        {
            throw new UnsupportedFeatureException($"{reader.File}: {field}: unsupported codec '{e.CodecId}'", reader.ArrayPath, e);
        }
        catch (CodecException e)
        {
            throw reader.Error(field, $"invalid codec configuration {config.ToJsonString()}: {e.Message}", e);
        }
    }

    public static IBytesCodec FromV3(JsonObject codec, string name, DataType dataType, MetadataReader reader)
    {
        try
        {
            return CodecRegistry.FromV3Config(codec, dataType);
        }
        catch (UnknownCodecException e)
        {
            throw new UnsupportedFeatureException($"{reader.File}: codecs: unsupported codec '{e.CodecId}'", reader.ArrayPath, e);
        }
        catch (CodecException e)
        {
            throw reader.Error("codecs", $"invalid codec configuration {codec.ToJsonString()}: {e.Message}", e);
        }
    }
}
