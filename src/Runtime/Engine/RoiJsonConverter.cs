using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Engine;

/// <summary>A <see cref="Roi"/> as <c>{"offset": [...], "shape": [...]}</c>.</summary>
public sealed class RoiJsonConverter : JsonConverter<Roi>
{
    public override Roi Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"a ROI must be an object with offset and shape, found {reader.TokenType}");
        }

        Coordinate? offset = null, shape = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = JsonSerializer.Deserialize<Coordinate>(ref reader, options);
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

        return new Roi(offset.Value, shape.Value);
    }

    public override void Write(Utf8JsonWriter writer, Roi value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("offset");
        JsonSerializer.Serialize(writer, value.Offset, options);
        writer.WritePropertyName("shape");
        JsonSerializer.Serialize(writer, value.Shape, options);
        writer.WriteEndObject();
    }
}
