using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Engine;

/// <summary>A <see cref="TimeSpan"/> as a number of seconds (volara's <c>block_timeout</c>), e.g. <c>600</c> or <c>0.5</c>.</summary>
public sealed class SecondsJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"a duration must be a number of seconds, not {JsonTokens.Describe(ref reader)}");
        }

        return TimeSpan.FromSeconds(reader.GetDouble());
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.TotalSeconds);
}
