using System.Text.Json;
using System.Text.Json.Serialization;

namespace Volara.Predict;

/// <summary>volara's <c>out_channels</c>: a number (one output), a list of numbers or nulls (several outputs), or null.</summary>
public sealed class OutChannelsJsonConverter : JsonConverter<IReadOnlyList<int?>?>
{
    public override bool HandleNull => true;

    public override IReadOnlyList<int?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return [reader.GetInt32()];
            case JsonTokenType.StartArray:
                var counts = new List<int?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    counts.Add(reader.TokenType switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.Number => reader.GetInt32(),
                        _ => throw new JsonException($"out_channels entries must be numbers or null, not {reader.TokenType}"),
                    });
                }

                return counts;
            default:
                throw new JsonException($"out_channels must be a number, a list or null, not {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<int?>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var count in value)
        {
            if (count is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
