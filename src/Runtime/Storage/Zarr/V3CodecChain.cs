using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// A parsed Zarr v3 <c>codecs</c> list: array-to-array transposes (combined into one axis order), one
/// array-to-bytes codec (<c>bytes</c> or <c>sharding_indexed</c>), then bytes-to-bytes codecs.
/// </summary>
internal sealed class V3CodecChain
{
    private V3CodecChain(int[]? storedOrder, bool bigEndian, JsonObject? sharding, List<IBytesCodec> bytesCodecs)
    {
        StoredOrder = storedOrder;
        BigEndian = bigEndian;
        Sharding = sharding;
        BytesCodecs = bytesCodecs;
    }

    /// <summary>Combined transpose order, null when none.</summary>
    public int[]? StoredOrder { get; }

    public bool BigEndian { get; }

    /// <summary>The <c>sharding_indexed</c> configuration when that is the array-to-bytes codec.</summary>
    public JsonObject? Sharding { get; }

    public List<IBytesCodec> BytesCodecs { get; }

    public static V3CodecChain Parse(JsonNode? codecsNode, int dimensions, DataType dataType, MetadataReader reader, string field, bool allowSharding)
    {
        if (codecsNode is not JsonArray codecs || codecs.Count == 0)
        {
            throw reader.Error(field, "must be a non-empty list of codecs");
        }

        int[]? order = null;
        bool? bigEndian = null;
        JsonObject? sharding = null;
        bool arrayToBytesSeen = false;
        var bytesCodecs = new List<IBytesCodec>();
        foreach (var node in codecs)
        {
            var codec = node switch
            {
                JsonObject o => o,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => new JsonObject { ["name"] = v.GetValue<string>() },
                _ => throw reader.Error(field, $"entry {node?.ToJsonString() ?? "null"} is not a codec object"),
            };
            string name = reader.RequireString(codec, "name");
            var configuration = codec["configuration"] as JsonObject;
            switch (name)
            {
                case "transpose":
                    if (arrayToBytesSeen)
                    {
                        throw reader.Error(field, "transpose must come before the array-to-bytes codec");
                    }

                    var step = ParseTransposeOrder(configuration, dimensions, reader, field);
                    order = order is null ? step : Compose(order, step);
                    break;
                case "bytes":
                case "sharding_indexed":
                    if (arrayToBytesSeen)
                    {
                        throw reader.Error(field, $"'{name}' is a second array-to-bytes codec");
                    }

                    arrayToBytesSeen = true;
                    if (name == "bytes")
                    {
                        bigEndian = ParseEndian(configuration, dataType, reader, field);
                    }
                    else if (!allowSharding)
                    {
                        throw new UnsupportedFeatureException($"{reader.File}: {field}: nested sharding_indexed is not supported", reader.ArrayPath);
                    }
                    else
                    {
                        sharding = configuration ?? throw reader.Error(field, "sharding_indexed needs a configuration");
                    }

                    break;
                default:
                    if (!arrayToBytesSeen)
                    {
                        throw reader.Error(field, $"bytes-to-bytes codec '{name}' comes before the array-to-bytes codec ('bytes' or 'sharding_indexed')");
                    }

                    bytesCodecs.Add(CodecFactory.FromV3(codec, name, dataType, reader));
                    break;
            }
        }

        if (!arrayToBytesSeen)
        {
            throw reader.Error(field, "has no array-to-bytes codec ('bytes' or 'sharding_indexed')");
        }

        if (sharding is not null && (order is not null || bytesCodecs.Count > 0))
        {
            throw new UnsupportedFeatureException(
                $"{reader.File}: {field}: codecs around sharding_indexed are not supported (put them inside its 'codecs')", reader.ArrayPath);
        }

        return new V3CodecChain(order, bigEndian ?? false, sharding, bytesCodecs);
    }

    private static int[] ParseTransposeOrder(JsonObject? configuration, int dimensions, MetadataReader reader, string field)
    {
        var orderNode = configuration?["order"];
        // Early v3 drafts wrote "C"/"F" instead of a permutation.
        if (orderNode is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            return text.GetValue<string>() switch
            {
                "C" => Identity(dimensions),
                "F" => V2ArrayFormat.Reversed(dimensions),
                var other => throw reader.Error(field, $"transpose order '{other}' is not a permutation"),
            };
        }

        if (orderNode is not JsonArray array || array.Count != dimensions)
        {
            throw reader.Error(field, $"transpose needs 'order', a permutation of {dimensions} axes");
        }

        var order = new int[dimensions];
        var seen = new bool[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue<int>(out int axis) || axis < 0 || axis >= dimensions || seen[axis])
            {
                throw reader.Error(field, $"transpose order {array.ToJsonString()} is not a permutation of {dimensions} axes");
            }

            seen[axis] = true;
            order[i] = axis;
        }

        return order;
    }

    public static bool ParseEndian(JsonObject? configuration, DataType dataType, MetadataReader reader, string field)
    {
        string? endian = configuration?["endian"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return endian switch
        {
            "little" => false,
            "big" => true,
            null when dataType.Size == 1 => false,
            null => throw reader.Error(field, $"'bytes' needs 'endian' for the {dataType.Size}-byte type {dataType}"),
            _ => throw reader.Error(field, $"'bytes' endian '{endian}' is not 'little' or 'big'"),
        };
    }

    private static int[] Identity(int dimensions)
    {
        var order = new int[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            order[i] = i;
        }

        return order;
    }

    /// <summary>Applying <paramref name="first"/> then <paramref name="second"/> equals one transpose with this order.</summary>
    private static int[] Compose(int[] first, int[] second)
    {
        var combined = new int[first.Length];
        for (int i = 0; i < combined.Length; i++)
        {
            combined[i] = first[second[i]];
        }

        return combined;
    }
}
