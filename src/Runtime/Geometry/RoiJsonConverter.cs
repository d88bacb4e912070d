using System.Text.Json;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Geometry;

/// <summary>Reads and writes a <see cref="Roi"/> as <c>[[offset], [shape]]</c>, e.g. <c>[[0, 0], [100, 50]]</c>.</summary>
public sealed class RoiJsonConverter : JsonConverter<Roi>
{
    private static readonly CoordinateJsonConverter Coordinates = new();

    public override Roi Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"a ROI must be a JSON array [[offset], [shape]], found {reader.TokenType}");
        }

        var offset = ReadPart(ref reader, "offset", options);
        var shape = ReadPart(ref reader, "shape", options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("a ROI must be a JSON array of exactly two coordinates [[offset], [shape]]");
        }

        try
        {
            return new Roi(offset, shape);
        }
        catch (ArgumentException error)
        {
            throw new JsonException($"invalid ROI: {error.Message}", error);
        }
    }

    public override void Write(Utf8JsonWriter writer, Roi value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        Coordinates.Write(writer, value.Offset, options);
        Coordinates.Write(writer, value.Shape, options);
        writer.WriteEndArray();
    }

    private static Coordinate ReadPart(ref Utf8JsonReader reader, string part, JsonSerializerOptions options)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"a ROI must be a JSON array [[offset], [shape]]; its {part} is missing or not an array");
        }

        return Coordinates.Read(ref reader, typeof(Coordinate), options);
    }
}
