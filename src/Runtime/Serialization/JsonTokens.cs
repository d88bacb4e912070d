using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Volara.Runtime.Serialization;

/// <summary>The value a reader stands on, as a configuration's author wrote it, for messages about a wrong kind of value.</summary>
public static class JsonTokens
{
    private const int Longest = 60;

    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => Shorten($"\"{reader.GetString()}\""),
        JsonTokenType.Number => Shorten(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan)),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "an object",
        _ => "something else",
    };

    /// <summary>A value's text cut to <paramref name="longest"/> characters, the last an ellipsis: a value from a file may be any length.</summary>
    public static string Shorten(string text, int longest = Longest) => text.Length <= longest ? text : text[..(longest - 1)] + "…";
}
