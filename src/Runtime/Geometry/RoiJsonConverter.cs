using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Geometry;

/// <summary>
/// A <see cref="Roi"/> as volara writes it, <c>[[offset...], [shape...]]</c>. The object form
/// <c>{"offset": [...], "shape": [...]}</c> is read too, since hand-written configurations use it.
/// </summary>
public sealed class RoiJsonConverter : JsonConverter<Roi>
{
    // Coordinates are read and written by their own converter directly: no serializer lookup, no reflection.
    private static readonly CoordinateJsonConverter Coordinates = new();

    public override Roi Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.StartArray => ReadPair(ref reader, options),
        JsonTokenType.StartObject => ReadObject(ref reader, options),
        _ => throw new JsonException($"a ROI must be [[offset...], [shape...]] or {{\"offset\": [...], \"shape\": [...]}}, not {JsonTokens.Describe(ref reader)}"),
    };

    public override void Write(Utf8JsonWriter writer, Roi value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        Coordinates.Write(writer, value.Offset, options);
        Coordinates.Write(writer, value.Shape, options);
        writer.WriteEndArray();
    }

    private static Roi ReadPair(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            throw new JsonException("a ROI needs [offset, shape], found an empty list");
        }

        var offset = Coordinates.Read(ref reader, typeof(Coordinate), options);
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            throw new JsonException("a ROI needs [offset, shape], found only one coordinate");
        }

        var shape = Coordinates.Read(ref reader, typeof(Coordinate), options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("a ROI is exactly [offset, shape], found more than two entries");
        }

        return Create(offset, shape);
    }

    private static Roi ReadObject(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Coordinate? offset = null, shape = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = Coordinates.Read(ref reader, typeof(Coordinate), options);
            switch (name)
            {
                case "offset": offset = value; break;
                case "shape": shape = value; break;
                default: throw new JsonException($"unknown ROI field '{name}' (expected offset and shape)");
            }
        }

        if (offset is null || shape is null)
        {
            throw new JsonException("a ROI needs both offset and shape");
        }

        return Create(offset.Value, shape.Value);
    }

    private static Roi Create(Coordinate offset, Coordinate shape)
    {
        try
        {
            return new Roi(offset, shape);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }
}
