using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Workers.Cluster;

/// <summary>
/// A string map whose keys are written as they are: environment variable names must not go through the
/// snake_case key policy of task configurations.
/// </summary>
public sealed class VerbatimKeysJsonConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"environment must be an object of names to strings, not {JsonTokens.Describe(ref reader)}");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"environment variable '{name}' must be a string, not {JsonTokens.Describe(ref reader)}");
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }
}
