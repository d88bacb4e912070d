using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Typed access to fields of a metadata document, failing with a <see cref="MetadataException"/> naming file and field.</summary>
internal sealed class MetadataReader(string arrayPath, string file)
{
    public string ArrayPath { get; } = arrayPath;

    public string File { get; } = file;

    public MetadataException Error(string field, string problem, Exception? inner = null) => new(ArrayPath, File, field, problem, inner);

    /// <summary>The <see cref="MetadataException.Field"/> of a problem with the whole document.</summary>
    public const string DocumentField = "";

    public static JsonObject ParseDocument(string arrayPath, string filePath)
    {
        string name = Path.GetFileName(filePath);
        try
        {
            return JsonNode.Parse(System.IO.File.ReadAllText(filePath)) as JsonObject
                ?? throw new MetadataException(arrayPath, name, DocumentField, "is not a JSON object");
        }
        catch (JsonException e)
        {
            // The serializer's own words end with its position in its notation; the line is said once, the usual way.
            string words = e.Message.Split(" LineNumber:", 2)[0].TrimEnd();
            throw new MetadataException(arrayPath, name, DocumentField, $"is not valid JSON (line {e.LineNumber + 1}): {words}", e);
        }
    }

    public JsonNode Require(JsonObject obj, string field) =>
        obj[field] ?? throw Error(field, obj.ContainsKey(field) ? "must not be null" : "is missing");

    public string RequireString(JsonObject obj, string field) =>
        Require(obj, field) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Error(field, "must be a string");

    public string? OptionalString(JsonObject obj, string field) =>
        obj[field] is null ? null : RequireString(obj, field);

    public long RequireInteger(JsonObject obj, string field) => ToInteger(Require(obj, field), field);

    public long[] RequireIntegers(JsonObject obj, string field, long minimum)
    {
        if (Require(obj, field) is not JsonArray array)
        {
            throw Error(field, "must be a list of integers");
        }

        var values = new long[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = array[i] is { } item ? ToInteger(item, field) : throw Error(field, "must be a list of integers");
            if (values[i] < minimum)
            {
                throw Error(field, $"entry {i} is {values[i]}, must be at least {minimum}");
            }
        }

        return values;
    }

    public int[] RequirePositiveInts(JsonObject obj, string field)
    {
        var values = RequireIntegers(obj, field, 1);
        var ints = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            ints[i] = values[i] <= int.MaxValue ? (int)values[i] : throw Error(field, $"entry {i} is too large");
        }

        return ints;
    }

    private long ToInteger(JsonNode node, string field) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && AsElement(v).TryGetInt64(out long n)
            ? n
            : throw Error(field, $"{node.ToJsonString()} is not an integer");

    /// <summary>The JSON element behind a value, whether it was parsed or built in code.</summary>
    public static JsonElement AsElement(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? element : JsonDocument.Parse(value.ToJsonString()).RootElement;
}
