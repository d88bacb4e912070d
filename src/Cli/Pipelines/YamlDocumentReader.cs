using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Parses YAML into the same JSON nodes a JSON file gives, recording the line and column of every value. Plain
/// scalars become numbers, booleans or null the way YAML 1.2's core schema reads them; quoted ones stay strings.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>How deep mappings and sequences may nest, as the JSON reader allows: no pipeline file comes near it.</summary>
    public const int MaxDepth = 64;

    public static LocatedDocument Read(string file, string text)
    {
        CheckStructure(file, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new ConfigurationException([new ConfigProblem(file, "", At(error.Start), $"not valid YAML: {error.Message}")]);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigurationException([new ConfigProblem(file, "", new SourceLocation(1, 1), "the file is empty")]);
        }

        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var root = Convert(file, stream.Documents[0].RootNode, "", locations);
        return new LocatedDocument(file, root, locations);
    }

    /// <summary>
    /// Walks the file's events once, without building anything, so that nesting deeper than <see cref="MaxDepth"/> is
    /// refused before the (recursive) document loader would exhaust the stack, and every syntax error has a position.
    /// </summary>
    private static void CheckStructure(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        var position = new SourceLocation(1, 1);
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                position = At(current.Start);
                if (current is YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart && ++depth > MaxDepth)
                {
                    throw new ConfigurationException([new ConfigProblem(file, "", position, $"mappings and lists nest deeper than {MaxDepth} levels here")]);
                }

                if (current is YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd)
                {
                    depth--;
                }
            }
        }
        catch (YamlException error)
        {
            throw new ConfigurationException([new ConfigProblem(file, "", At(error.Start), $"not valid YAML: {error.Message}")]);
        }
        catch (InvalidOperationException error)
        {
            throw new ConfigurationException([new ConfigProblem(file, "", position, $"not valid YAML after this point: {error.Message}")]);
        }
    }

    private static JsonNode? Convert(string file, YamlNode node, string pointer, Dictionary<string, SourceLocation> locations)
    {
        locations.TryAdd(pointer, At(node.Start));
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    string name = keyNode is YamlScalarNode { Value: { } key } ? key : throw Problem(file, pointer, keyNode, "mapping keys must be plain names");
                    string child = LocatedDocument.Child(pointer, name);
                    locations[child] = At(keyNode.Start);
                    if (obj.ContainsKey(name))
                    {
                        throw Problem(file, child, keyNode, $"the field '{name}' appears twice");
                    }

                    obj[name] = Convert(file, valueNode, child, locations);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(file, item, LocatedDocument.Child(pointer, array.Count), locations));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw Problem(file, pointer, node, "aliases and anchors are not supported");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf":
                return JsonValue.Create(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return JsonValue.Create(double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return JsonValue.Create(double.NaN);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        if (LooksNumeric(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    // double.TryParse also accepts "Infinity" and the like; YAML numbers are digits, sign, point and exponent only.
    private static bool LooksNumeric(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E'))
            {
                return false;
            }
        }

        return value.Any(char.IsAsciiDigit);
    }

    private static SourceLocation At(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private static ConfigurationException Problem(string file, string pointer, YamlNode node, string message) =>
        new([new ConfigProblem(file, pointer, At(node.Start), message)]);
}
