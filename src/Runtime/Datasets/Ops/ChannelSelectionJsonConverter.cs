using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>volara's <c>channels</c> field: a single integer (<c>0</c>) or a list of integers and integer lists (<c>[0, [0, 2]]</c>).</summary>
public sealed class ChannelSelectionJsonConverter : JsonConverter<IReadOnlyList<ChannelSelector>>
{
    private static readonly ChannelSelectorJsonConverter Element = new();

    public override IReadOnlyList<ChannelSelector> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return [ChannelSelector.At(reader.GetInt64())];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"channels must be an integer or a list, not {JsonTokens.Describe(ref reader)}");
        }

        var selectors = new List<ChannelSelector>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            selectors.Add(Element.Read(ref reader, typeof(ChannelSelector), options));
        }

        return selectors;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ChannelSelector> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var selector in value)
        {
            Element.Write(writer, selector, options);
        }

        writer.WriteEndArray();
    }
}
