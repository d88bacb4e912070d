using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Parses YAML into the same JSON nodes a JSON file gives, recording the line and column of every value. Plain
/// scalars become numbers, booleans or null the way YAML 1.2's core schema reads them; quoted ones stay strings.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>How deep mappings and sequences may nest, as the JSON reader allows: no pipeline file comes near it.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Builds the document in one pass over the parser's events with a stack of its own, so that nesting deeper than
    /// <see cref="MaxDepth"/> is refused with its position instead of exhausting the call stack, and every syntax error
    /// has a position. Only the first document of a stream is read.
    /// </summary>
    public static LocatedDocument Read(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        var builder = new Builder(file);
        var position = new SourceLocation(1, 1);
        try
        {
            while (!builder.Complete && parser.MoveNext())
            {
                var current = parser.Current!;
                position = At(current.Start);
                builder.Add(current, position);
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

        if (!builder.Complete)
        {
            throw new ConfigurationException([new ConfigProblem(file, "", new SourceLocation(1, 1), "the file is empty")]);
        }

        return new LocatedDocument(file, builder.Root, builder.Locations);
    }

    /// <summary>The JSON nodes of one document, assembled from parser events.</summary>
    private sealed class Builder(string file)
    {
        private readonly Stack<Open> open = new();

        public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

        public JsonNode? Root { get; private set; }

        public bool Complete { get; private set; }

        public void Add(ParsingEvent current, SourceLocation position)
        {
            switch (current)
            {
                case MappingStart:
                    Push(new JsonObject(), position);
                    break;
                case SequenceStart:
                    Push(new JsonArray(), position);
                    break;
                case MappingEnd or SequenceEnd:
                    open.Pop();
                    break;
                case YamlDotNet.Core.Events.Scalar scalar when open.TryPeek(out var parent) && parent.ExpectsKey:
                    Key(parent, scalar.Value, position);
                    break;
                case YamlDotNet.Core.Events.Scalar scalar:
                    Attach(Scalar(scalar.Value, scalar.Style), position);
                    break;
                case AnchorAlias:
                    throw Problem(open.TryPeek(out var holder) ? holder.NextPointer : "", position, "aliases and anchors are not supported");
                case DocumentEnd:
                    Complete = true;
                    break;
            }
        }

        private void Key(Open mapping, string name, SourceLocation position)
        {
            string child = LocatedDocument.Child(mapping.Pointer, name);
            if (mapping.Holds(name))
            {
                throw Problem(child, position, $"the field '{name}' appears twice");
            }

            // A value is located where its key is written.
            Locations[child] = position;
            mapping.ExpectValueOf(name, child);
        }

        private void Push(JsonNode container, SourceLocation position)
        {
            if (open.Count >= MaxDepth)
            {
                throw Problem("", position, $"mappings and lists nest deeper than {MaxDepth} levels here");
            }

            string pointer = Attach(container, position);
            open.Push(new Open(container, pointer));
        }

        /// <summary>Places a value where the innermost open mapping or list expects it; returns its pointer.</summary>
        private string Attach(JsonNode? value, SourceLocation position)
        {
            if (!open.TryPeek(out var parent))
            {
                Root = value;
                Locations.TryAdd("", position);
                return "";
            }

            if (parent.ExpectsKey)
            {
                throw Problem(parent.Pointer, position, "mapping keys must be plain names");
            }

            string pointer = parent.NextPointer;
            if (!parent.IsMapping)
            {
                Locations.TryAdd(pointer, position);
            }

            parent.Take(value);
            return pointer;
        }

        private ConfigurationException Problem(string pointer, SourceLocation position, string message) =>
            new([new ConfigProblem(file, pointer, position, message)]);
    }

    /// <summary>A mapping or list being filled, and for a mapping the key whose value comes next.</summary>
    private sealed class Open(JsonNode node, string pointer)
    {
        private string? pendingKey;
        private string? pendingPointer;

        public string Pointer { get; } = pointer;

        public bool IsMapping => node is JsonObject;

        public bool ExpectsKey => node is JsonObject && pendingKey is null;

        public string NextPointer => node is JsonArray array
            ? LocatedDocument.Child(Pointer, array.Count)
            : pendingPointer ?? LocatedDocument.Child(Pointer, string.Empty);

        public bool Holds(string name) => node is JsonObject mapping && mapping.ContainsKey(name);

        /// <summary>The next value is the mapping's field <paramref name="name"/>, at <paramref name="pointer"/>.</summary>
        public void ExpectValueOf(string name, string pointer)
        {
            pendingKey = name;
            pendingPointer = pointer;
        }

        public void Take(JsonNode? value)
        {
            if (node is JsonArray array)
            {
                array.Add(value);
                return;
            }

            ((JsonObject)node)[pendingKey!] = value;
            pendingKey = null;
            pendingPointer = null;
        }
    }

    private static JsonNode? Scalar(string? text, ScalarStyle style)
    {
        string value = text ?? string.Empty;
        if (style != ScalarStyle.Plain)
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
}
