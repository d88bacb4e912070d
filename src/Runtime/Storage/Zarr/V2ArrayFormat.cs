using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Reads and writes Zarr v2 <c>.zarray</c> documents.</summary>
internal static class V2ArrayFormat
{
    public const string FileName = ".zarray";

    public static ArrayMetadata Parse(JsonObject doc, string arrayPath)
    {
        var reader = new MetadataReader(arrayPath, FileName);
        if (reader.RequireInteger(doc, "zarr_format") != 2)
        {
            throw reader.Error("zarr_format", $"is {doc["zarr_format"]}, expected 2");
        }

        long[] shape = reader.RequireIntegers(doc, "shape", 0);
        int[] chunks = reader.RequirePositiveInts(doc, "chunks");
        if (chunks.Length != shape.Length)
        {
            throw reader.Error("chunks", $"has {chunks.Length} entries but shape has {shape.Length}");
        }

        var dtypeNode = reader.Require(doc, "dtype");
        if (dtypeNode is JsonArray)
        {
            throw new UnsupportedFeatureException($"{FileName}: dtype: structured dtypes are not supported ({dtypeNode.ToJsonString()})", arrayPath);
        }

        string dtypeText = reader.RequireString(doc, "dtype");
        var dataType = DataType.TryParseTypeString(dtypeText)
            ?? throw new UnsupportedFeatureException($"{FileName}: dtype: unsupported data type '{dtypeText}'", arrayPath);

        string order = reader.RequireString(doc, "order");
        if (order is not ("C" or "F"))
        {
            throw reader.Error("order", $"is '{order}', expected 'C' or 'F'");
        }

        string separator = reader.OptionalString(doc, "dimension_separator") ?? ".";
        if (separator is not ("." or "/"))
        {
            throw reader.Error("dimension_separator", $"is '{separator}', expected '.' or '/'");
        }

        if (!doc.ContainsKey("fill_value"))
        {
            throw reader.Error("fill_value", "is missing");
        }

        var fillJson = doc["fill_value"];
        byte[] fill;
        try
        {
            fill = FillValue.ToBytes(fillJson, dataType);
        }
        catch (FormatException e)
        {
            throw reader.Error("fill_value", e.Message, e);
        }

        var configs = new List<JsonObject>();
        var codecs = new List<IBytesCodec>();
        if (doc["filters"] is JsonArray filters)
        {
            foreach (var filter in filters)
            {
                var config = filter as JsonObject ?? throw reader.Error("filters", "entries must be objects with an 'id'");
                configs.Add(config.DeepClone().AsObject());
                codecs.Add(CodecFactory.FromV2(config, dataType, reader, "filters"));
            }
        }
        else if (doc["filters"] is not null)
        {
            throw reader.Error("filters", "must be a list or null");
        }

        if (doc["compressor"] is JsonObject compressor)
        {
            configs.Add(compressor.DeepClone().AsObject());
            codecs.Add(CodecFactory.FromV2(compressor, dataType, reader, "compressor"));
        }
        else if (doc["compressor"] is not null)
        {
            throw reader.Error("compressor", "must be an object or null");
        }

        int[]? storedOrder = order == "F" ? Reversed(shape.Length) : null;
        return new ArrayMetadata
        {
            ZarrFormat = 2,
            Shape = shape,
            ChunkShape = chunks,
            DataType = dataType,
            FillBytes = fill,
            FillJson = fillJson?.DeepClone(),
            FillIsNull = fillJson is null,
            Order = order[0],
            CodecConfigs = configs,
            KeyEncoding = new ChunkKeyEncoding(prefixed: false, separator[0]),
            Pipeline = ChunkPipeline.ForMetadata(chunks, dataType, storedOrder, codecs, reader, "chunks"),
            Document = doc,
        };
    }

    public static JsonObject Build(ZarrArrayOptions options, string arrayPath)
    {
        if (options.ShardShape is not null)
        {
            throw new UnsupportedFeatureException("sharding requires Zarr format 3", arrayPath);
        }

        if (options.DimensionNames is not null)
        {
            throw new UnsupportedFeatureException("dimension names require Zarr format 3", arrayPath);
        }

        var dataType = options.DataType with { BigEndian = options.BigEndian && options.DataType.Size > 1 };
        string separator = options.DimensionSeparator ?? ".";
        JsonNode? compressor = options.Codecs.Count > 0 ? options.Codecs[^1].ToV2Config() : null;
        JsonArray? filters = null;
        if (options.Codecs.Count > 1)
        {
            filters = [];
            for (int i = 0; i < options.Codecs.Count - 1; i++)
            {
                filters.Add((JsonNode)options.Codecs[i].ToV2Config());
            }
        }

        return new JsonObject
        {
            ["chunks"] = ToJson(options.ChunkShape),
            ["compressor"] = compressor,
            ["dimension_separator"] = separator,
            ["dtype"] = dataType.TypeString,
            ["fill_value"] = FillValue.Normalise(options.FillValue, dataType),
            ["filters"] = filters,
            ["order"] = options.Order.ToString(),
            ["shape"] = ToJson(options.Shape),
            ["zarr_format"] = 2,
        };
    }

    public static int[] Reversed(int dimensions)
    {
        var order = new int[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            order[i] = dimensions - 1 - i;
        }

        return order;
    }

    public static JsonArray ToJson(long[] values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add((JsonNode)v);
        }

        return array;
    }

    public static JsonArray ToJson(int[] values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add((JsonNode)v);
        }

        return array;
    }
}
