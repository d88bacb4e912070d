using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Cli.Output;

/// <summary>
/// The funlib geometry keys of an array's attributes (voxel_size, offset, axis_names, units), with funlib's
/// defaults when absent: voxel size 1, offset 0, axis names d0.., units "" for every dimension.
/// </summary>
public sealed record FunlibAttributes(JsonArray VoxelSize, JsonArray Offset, JsonArray AxisNames, JsonArray Units)
{
    public static FunlibAttributes Read(JsonObject attributes, int dimensions, string arrayPath) => new(
        Numbers(attributes, "voxel_size", arrayPath) ?? Filled(dimensions, _ => JsonValue.Create(1)),
        Numbers(attributes, "offset", arrayPath) ?? Filled(dimensions, _ => JsonValue.Create(0)),
        Strings(attributes, "axis_names", arrayPath) ?? Filled(dimensions, i => JsonValue.Create($"d{i}")),
        Strings(attributes, "units", arrayPath) ?? Filled(dimensions, _ => JsonValue.Create(string.Empty)));

    private static JsonArray Filled(int count, Func<int, JsonNode> element)
    {
        var array = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            array.Add(element(i));
        }

        return array;
    }

    private static JsonArray? Numbers(JsonObject attributes, string key, string arrayPath) =>
        ListOf(attributes, key, arrayPath, JsonValueKind.Number, "numbers");

    private static JsonArray? Strings(JsonObject attributes, string key, string arrayPath) =>
        ListOf(attributes, key, arrayPath, JsonValueKind.String, "strings");

    private static JsonArray? ListOf(JsonObject attributes, string key, string arrayPath, JsonValueKind kind, string what)
    {
        if (!attributes.TryGetPropertyValue(key, out JsonNode? node) || node is null)
        {
            return null;
        }

        if (node is JsonArray list && list.All(element => element?.GetValueKind() == kind))
        {
            return (JsonArray)list.DeepClone();
        }

        throw new FormatException($"attribute '{key}' of '{arrayPath}' must be a list of {what}, got {node.ToJsonString()}");
    }
}
