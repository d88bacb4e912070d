using System.Text.Json;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's GraphMWS weight of one edge attribute, <c>(w, b)</c>: the edge scores <c>w · value + b</c>.
/// Serialised as volara writes it, a two-element list <c>[w, b]</c>.
/// </summary>
[JsonConverter(typeof(EdgeWeightJsonConverter))]
public readonly record struct EdgeWeight(double Scale, double Bias)
{
    public double Score(double value) => Scale * value + Bias;

    public static implicit operator EdgeWeight((double Scale, double Bias) pair) => new(pair.Scale, pair.Bias);

    private sealed class EdgeWeightJsonConverter : JsonConverter<EdgeWeight>
    {
        public override EdgeWeight Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("an edge weight is a list [w, b]");
            }

            reader.Read();
            double scale = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException("an edge weight is a list of two numbers [w, b]");
            reader.Read();
            double bias = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException("an edge weight is a list of two numbers [w, b]");
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("an edge weight is a list of exactly two numbers [w, b]");
            }

            return new EdgeWeight(scale, bias);
        }

        public override void Write(Utf8JsonWriter writer, EdgeWeight value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.Scale);
            writer.WriteNumberValue(value.Bias);
            writer.WriteEndArray();
        }
    }
}
