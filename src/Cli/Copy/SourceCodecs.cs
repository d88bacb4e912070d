using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Copy;

/// <summary>Rebuilds a source array's bytes-to-bytes codecs, so a copy can keep the source's compression.</summary>
public static class SourceCodecs
{
    // v3 codecs that are not bytes-to-bytes: the store derives them from the array options.
    private static readonly HashSet<string> StructuralV3Codecs = ["bytes", "endian", "transpose", "sharding_indexed", "vlen-utf8"];

    public static IReadOnlyList<IBytesCodec> Of(ZarrArray source)
    {
        var codecs = new List<IBytesCodec>();
        foreach (JsonObject config in source.CodecConfigs)
        {
            Collect(config, source, codecs);
        }

        return codecs;
    }

    private static void Collect(JsonObject config, ZarrArray source, List<IBytesCodec> codecs)
    {
        if (config.ContainsKey("id"))
        {
            codecs.Add(CodecRegistry.FromV2Config(config, source.DataType));
            return;
        }

        string name = config["name"]?.GetValue<string>() ?? throw new FormatException($"codec without id or name in '{source.Path}': {config.ToJsonString()}");
        if (name == "sharding_indexed")
        {
            // The chunks inside a shard carry the compression; the shard index codecs are the store's business.
            if (config["configuration"]?["codecs"] is JsonArray inner)
            {
                foreach (JsonNode? innerCodec in inner)
                {
                    if (innerCodec is JsonObject innerConfig)
                    {
                        Collect(innerConfig, source, codecs);
                    }
                }
            }

            return;
        }

        if (!StructuralV3Codecs.Contains(name))
        {
            codecs.Add(CodecRegistry.FromV3Config(config, source.DataType));
        }
    }
}
