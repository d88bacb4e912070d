using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Geometry;

/// <summary>Reads and writes a <see cref="Coordinate"/> as a JSON array of integers and nulls, e.g. <c>[4, 4, null]</c>.</summary>
/// <remarks>Floating-point elements are truncated toward zero, as funlib's constructor does.</remarks>
public sealed class CoordinateJsonConverter : JsonConverter<Coordinate>
{
    public override Coordinate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"a coordinate must be a JSON array of integers, not {JsonTokens.Describe(ref reader)}");
        }

        Span<long?> elements = stackalloc long?[Coordinate.MaxDims];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == Coordinate.MaxDims)
            {
                throw new JsonException($"a coordinate has at most {Coordinate.MaxDims} elements");
            }

            elements[count++] = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.Number when reader.TryGetInt64(out var integer) => integer,
                JsonTokenType.Number => checked((long)Math.Truncate(reader.GetDouble())),
                _ => throw new JsonException($"coordinate element {count} must be an integer or null, not {JsonTokens.Describe(ref reader)}"),
            };
        }

        return new Coordinate(elements[..count]);
    }

    public override void Write(Utf8JsonWriter writer, Coordinate value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (var i = 0; i < value.Dims; i++)
        {
            if (value[i] is { } element)
            {
                writer.WriteNumberValue(element);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
