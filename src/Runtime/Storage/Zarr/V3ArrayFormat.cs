using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Reads and writes Zarr v3 array <c>zarr.json</c> documents.</summary>
internal static class V3ArrayFormat
{
    public const string FileName = "zarr.json";

    public static ArrayMetadata Parse(JsonObject doc, string arrayPath)
    {
        var reader = new MetadataReader(arrayPath, FileName);
        if (reader.RequireInteger(doc, "zarr_format") != 3)
        {
            throw reader.Error("zarr_format", $"is {doc["zarr_format"]}, expected 3");
        }

        string nodeType = reader.RequireString(doc, "node_type");
        if (nodeType == "group")
        {
            throw new ArrayNotFoundException("is a group, not an array", arrayPath);
        }

        if (nodeType != "array")
        {
            throw reader.Error("node_type", $"is '{nodeType}', expected 'array'");
        }

        long[] shape = reader.RequireIntegers(doc, "shape", 0);
        string typeName = reader.RequireString(doc, "data_type");
        var dataType = DataType.TryParseName(typeName) is { } t && t.ZarrV3Name == typeName
            ? t
            : throw new UnsupportedFeatureException($"{FileName}: data_type: unsupported data type '{typeName}'", arrayPath);

        var grid = reader.Require(doc, "chunk_grid") as JsonObject ?? throw reader.Error("chunk_grid", "must be an object");
        string gridName = reader.RequireString(grid, "name");
        if (gridName != "regular")
        {
            throw new UnsupportedFeatureException($"{FileName}: chunk_grid: unsupported grid '{gridName}'", arrayPath);
        }

        var gridConfig = grid["configuration"] as JsonObject ?? throw reader.Error("chunk_grid", "needs a configuration");
        int[] storedShape = reader.RequirePositiveInts(gridConfig, "chunk_shape");
        if (storedShape.Length != shape.Length)
        {
            throw reader.Error("chunk_grid", $"chunk_shape has {storedShape.Length} entries but shape has {shape.Length}");
        }

        var keyEncoding = ParseKeyEncoding(reader.Require(doc, "chunk_key_encoding") as JsonObject ?? throw reader.Error("chunk_key_encoding", "must be an object"), reader);

        if (doc["storage_transformers"] is JsonArray { Count: > 0 })
        {
            throw new UnsupportedFeatureException($"{FileName}: storage_transformers are not supported", arrayPath);
        }

        if (!doc.ContainsKey("fill_value"))
        {
            throw reader.Error("fill_value", "is missing");
        }

        var fillJson = doc["fill_value"];
        byte[] fill;
        try
        {
            fill = fillJson is null ? throw new FormatException("must not be null in Zarr v3") : FillValue.ToBytes(fillJson, dataType);
        }
        catch (FormatException e)
        {
            throw reader.Error("fill_value", e.Message, e);
        }

        var chain = V3CodecChain.Parse(doc["codecs"], shape.Length, dataType, reader, "codecs", allowSharding: true);
        int[] chunkShape = storedShape;
        ShardLayout? sharding = null;
        ChunkPipeline pipeline;
        char order;
        if (chain.Sharding is { } shardConfig)
        {
            chunkShape = reader.RequirePositiveInts(shardConfig, "chunk_shape");
            if (chunkShape.Length != shape.Length)
            {
                throw reader.Error("codecs", $"sharding_indexed chunk_shape has {chunkShape.Length} entries but shape has {shape.Length}");
            }

            for (int d = 0; d < chunkShape.Length; d++)
            {
                if (storedShape[d] % chunkShape[d] != 0)
                {
                    throw reader.Error("codecs", $"sharding_indexed chunk_shape [{string.Join(",", chunkShape)}] does not divide the shard shape [{string.Join(",", storedShape)}]");
                }
            }

            var inner = V3CodecChain.Parse(shardConfig["codecs"], shape.Length, dataType, reader, "codecs.sharding_indexed.codecs", allowSharding: false);
            sharding = new ShardLayout(storedShape, chunkShape, ParseIndexLocation(shardConfig, reader), ParseIndexEndian(shardConfig, reader, out bool checksum), checksum);
            pipeline = ChunkPipeline.ForMetadata(chunkShape, dataType with { BigEndian = inner.BigEndian && dataType.Size > 1 }, inner.StoredOrder, inner.BytesCodecs, reader, "codecs");
            order = IsReversal(inner.StoredOrder) ? 'F' : 'C';
            dataType = dataType with { BigEndian = inner.BigEndian && dataType.Size > 1 };
        }
        else
        {
            dataType = dataType with { BigEndian = chain.BigEndian && dataType.Size > 1 };
            pipeline = ChunkPipeline.ForMetadata(chunkShape, dataType, chain.StoredOrder, chain.BytesCodecs, reader, "chunk_grid");
            order = IsReversal(chain.StoredOrder) ? 'F' : 'C';
        }

        string?[]? dimensionNames = null;
        if (doc["dimension_names"] is JsonArray names)
        {
            if (names.Count != shape.Length)
            {
                throw reader.Error("dimension_names", $"has {names.Count} entries but shape has {shape.Length}");
            }

            dimensionNames = new string?[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                dimensionNames[i] = names[i] switch
                {
                    null => null,
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                    _ => throw reader.Error("dimension_names", "entries must be strings or null"),
                };
            }
        }
        else if (doc["dimension_names"] is not null)
        {
            throw reader.Error("dimension_names", "must be a list");
        }

        var configs = new List<JsonObject>();
        foreach (var codec in (JsonArray)doc["codecs"]!)
        {
            configs.Add(codec is JsonObject o ? o.DeepClone().AsObject() : new JsonObject { ["name"] = codec!.DeepClone() });
        }

        return new ArrayMetadata
        {
            ZarrFormat = 3,
            Shape = shape,
            ChunkShape = chunkShape,
            Sharding = sharding,
            DataType = dataType,
            FillBytes = fill,
            FillJson = fillJson.DeepClone(),
            Order = order,
            CodecConfigs = configs,
            DimensionNames = dimensionNames,
            KeyEncoding = keyEncoding,
            Pipeline = pipeline,
            Document = doc,
        };
    }

    public static JsonObject Build(ZarrArrayOptions options, string arrayPath)
    {
        int n = options.Shape.Length;
        var dataType = options.DataType with { BigEndian = false };
        var innerCodecs = new JsonArray();
        if (options.Order == 'F' && n > 1)
        {
            innerCodecs.Add((JsonNode)new JsonObject { ["name"] = "transpose", ["configuration"] = new JsonObject { ["order"] = V2ArrayFormat.ToJson(V2ArrayFormat.Reversed(n)) } });
        }

        innerCodecs.Add((JsonNode)BytesCodec(options.BigEndian));
        foreach (var codec in options.Codecs)
        {
            innerCodecs.Add((JsonNode)codec.ToV3Config());
        }

        JsonArray codecs = innerCodecs;
        int[] gridShape = options.ChunkShape;
        if (options.ShardShape is { } shardShape)
        {
            gridShape = shardShape;
            codecs = new JsonArray(
                new JsonObject
                {
                    ["name"] = "sharding_indexed",
                    ["configuration"] = new JsonObject
                    {
                        ["chunk_shape"] = V2ArrayFormat.ToJson(options.ChunkShape),
                        ["codecs"] = innerCodecs,
                        ["index_codecs"] = new JsonArray { (JsonNode)BytesCodec(bigEndian: false), (JsonNode)new JsonObject { ["name"] = "crc32c" } },
                        ["index_location"] = options.ShardIndexAtStart ? "start" : "end",
                    },
                });
        }

        bool v2Keys = options.ChunkKeyEncoding switch
        {
            "default" => false,
            "v2" => true,
            var other => throw new ArgumentException($"zarr '{arrayPath}': chunk key encoding '{other}' is not 'default' or 'v2'", nameof(options)),
        };
        var doc = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = V2ArrayFormat.ToJson(options.Shape),
            ["data_type"] = dataType.ZarrV3Name,
            ["chunk_grid"] = new JsonObject { ["name"] = "regular", ["configuration"] = new JsonObject { ["chunk_shape"] = V2ArrayFormat.ToJson(gridShape) } },
            ["chunk_key_encoding"] = new JsonObject
            {
                ["name"] = v2Keys ? "v2" : "default",
                ["configuration"] = new JsonObject { ["separator"] = options.DimensionSeparator ?? (v2Keys ? "." : "/") },
            },
            ["fill_value"] = FillValue.Normalise(options.FillValue, dataType),
            ["codecs"] = codecs,
            ["attributes"] = options.Attributes?.DeepClone() ?? new JsonObject(),
        };
        if (options.DimensionNames is { } names)
        {
            var array = new JsonArray();
            foreach (var name in names)
            {
                array.Add((JsonNode?)name);
            }

            doc["dimension_names"] = array;
        }

        return doc;
    }

    private static JsonObject BytesCodec(bool bigEndian) =>
        new() { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = bigEndian ? "big" : "little" } };

    private static ChunkKeyEncoding ParseKeyEncoding(JsonObject encoding, MetadataReader reader)
    {
        string name = reader.RequireString(encoding, "name");
        string? separator = (encoding["configuration"] as JsonObject) is { } config ? reader.OptionalString(config, "separator") : null;
        if (separator is not (null or "." or "/"))
        {
            throw reader.Error("chunk_key_encoding", $"separator '{separator}' is not '.' or '/'");
        }

        return name switch
        {
            "default" => new ChunkKeyEncoding(prefixed: true, (separator ?? "/")[0]),
            "v2" => new ChunkKeyEncoding(prefixed: false, (separator ?? ".")[0]),
            _ => throw new UnsupportedFeatureException($"{FileName}: chunk_key_encoding: unsupported encoding '{name}'", reader.ArrayPath),
        };
    }

    private static bool ParseIndexLocation(JsonObject config, MetadataReader reader) =>
        reader.OptionalString(config, "index_location") switch
        {
            null or "end" => false,
            "start" => true,
            var other => throw reader.Error("codecs", $"sharding_indexed index_location '{other}' is not 'start' or 'end'"),
        };

    /// <summary>Index codecs must be fixed size: <c>bytes</c> optionally followed by <c>crc32c</c>.</summary>
    private static bool ParseIndexEndian(JsonObject config, MetadataReader reader, out bool checksum)
    {
        checksum = false;
        if (config["index_codecs"] is not JsonArray codecs || codecs.Count == 0 || codecs.Count > 2)
        {
            throw new UnsupportedFeatureException($"{FileName}: codecs: sharding_indexed index_codecs must be 'bytes' optionally followed by 'crc32c'", reader.ArrayPath);
        }

        string? Name(JsonNode? n) => n switch
        {
            JsonObject o => o["name"]?.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };

        if (Name(codecs[0]) != "bytes" || (codecs.Count == 2 && Name(codecs[1]) != "crc32c"))
        {
            throw new UnsupportedFeatureException($"{FileName}: codecs: sharding_indexed index_codecs {codecs.ToJsonString()} are not supported (use 'bytes' then 'crc32c')", reader.ArrayPath);
        }

        checksum = codecs.Count == 2;
        return V3CodecChain.ParseEndian((codecs[0] as JsonObject)?["configuration"] as JsonObject, DataType.UInt64, reader, "codecs");
    }

    private static bool IsReversal(int[]? order)
    {
        if (order is null || order.Length < 2)
        {
            return false;
        }

        for (int i = 0; i < order.Length; i++)
        {
            if (order[i] != order.Length - 1 - i)
            {
                return false;
            }
        }

        return true;
    }
}
