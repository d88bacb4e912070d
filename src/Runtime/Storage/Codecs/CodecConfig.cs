using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>Reads typed parameters from codec metadata, failing with messages that name the codec and key.</summary>
internal static class CodecConfig
{
    public static int GetInt(JsonObject? config, string codecId, string key, int fallback)
    {
        var node = config?[key];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            if (value.TryGetValue(out int number))
            {
                return number;
            }

            if (value.TryGetValue(out double real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
            {
                return (int)real;
            }
        }

        throw new CodecException($"codec '{codecId}': parameter '{key}' must be an integer, got {node.ToJsonString()}");
    }

    public static bool GetBool(JsonObject? config, string codecId, string key, bool fallback)
    {
        var node = config?[key];
        if (node is null)
        {
            return fallback;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CodecException($"codec '{codecId}': parameter '{key}' must be true or false, got {node.ToJsonString()}"),
        };
    }

    public static string? GetString(JsonObject? config, string codecId, string key)
    {
        var node = config?[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        throw new CodecException($"codec '{codecId}': parameter '{key}' must be a string, got {node.ToJsonString()}");
    }

    /// <summary>The v3 <c>configuration</c> object, which may be absent for parameterless codecs.</summary>
    public static JsonObject? V3Configuration(JsonObject codec, string name) => codec["configuration"] switch
    {
        null => null,
        JsonObject inner => inner,
        var other => throw new CodecException($"codec '{name}': 'configuration' must be an object, got {other.ToJsonString()}"),
    };

    /// <summary>A v3 codec object in the layout zarr-python writes.</summary>
    public static JsonObject V3(string name, JsonObject? configuration)
    {
        var codec = new JsonObject { ["name"] = name };
        if (configuration is not null)
        {
            codec["configuration"] = configuration;
        }

        return codec;
    }
}
