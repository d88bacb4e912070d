using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Cli.Pipelines;

/// <summary>Parses JSON into nodes while recording the line and column of every value (comments and trailing commas allowed).</summary>
public static class JsonDocumentReader
{
    public static LocatedDocument Read(string file, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(utf8);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                throw new ConfigurationException([new ConfigProblem(file, "", new SourceLocation(1, 1), "the file is empty")]);
            }

            var root = ReadValue(ref reader, "", locations, lineStarts);
            if (reader.Read())
            {
                throw new JsonException("'" + (char)utf8[reader.TokenStartIndex] + "' after the end of the document", null, null, null);
            }

            return new LocatedDocument(file, root, locations);
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line
                ? new SourceLocation((int)line + 1, (int)(error.BytePositionInLine ?? 0) + 1)
                : Locate(lineStarts, reader.TokenStartIndex);
            throw new ConfigurationException([new ConfigProblem(file, "", where, $"not valid JSON: {FirstSentence(error.Message)}")]);
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string pointer, Dictionary<string, SourceLocation> locations, List<long> lineStarts)
    {
        locations.TryAdd(pointer, Locate(lineStarts, reader.TokenStartIndex));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!;
                    string child = LocatedDocument.Child(pointer, name);

                    // A field's location is where its name stands: that is where a reader looks for it.
                    locations[child] = Locate(lineStarts, reader.TokenStartIndex);
                    reader.Read();
                    var value = ReadValue(ref reader, child, locations, lineStarts);
                    if (obj.ContainsKey(name))
                    {
                        throw new JsonException($"the field '{name}' appears twice", null, locations[child].Line - 1, locations[child].Column - 1);
                    }

                    obj[name] = value;
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, LocatedDocument.Child(pointer, array.Count), locations, lineStarts));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out long integer) ? JsonValue.Create(integer) : JsonValue.Create(reader.GetDouble());
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private static List<long> LineStarts(byte[] utf8)
    {
        var starts = new List<long> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static SourceLocation Locate(List<long> lineStarts, long offset)
    {
        int line = lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(line + 1, (int)(offset - lineStarts[line]) + 1);
    }

    // The reader appends "LineNumber: ... | BytePositionInLine: ..." which the location already says.
    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
