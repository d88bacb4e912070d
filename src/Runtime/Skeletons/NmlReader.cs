using System.Globalization;
using System.Xml;

namespace Volara.Runtime.Skeletons;

/// <summary>
/// Reads webKnossos NML files: <c>&lt;things&gt;</c> holding one <c>&lt;thing id=…&gt;</c> per skeleton, each with
/// <c>&lt;nodes&gt;&lt;node id x y z/&gt;</c> and <c>&lt;edges&gt;&lt;edge source target/&gt;</c>. Other elements
/// (parameters, comments, branch points, groups) are skipped. Problems are reported with the file and line.
/// </summary>
public static class NmlReader
{
    /// <summary>Every skeleton of <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<Skeleton> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"NML file '{path}' does not exist", path);
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Every skeleton of an NML document; <paramref name="name"/> names it in messages.</summary>
    public static IReadOnlyList<Skeleton> Read(Stream stream, string name)
    {
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true });
        var lines = (IXmlLineInfo)reader;
        try
        {
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "things")
            {
                throw new NmlFormatException(name, lines.LineNumber, $"the root element is '{reader.Name}', expected 'things'");
            }

            var skeletons = new List<Skeleton>();
            var ids = new HashSet<long>();
            if (reader.IsEmptyElement)
            {
                return skeletons;
            }

            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name == "thing")
                {
                    int line = lines.LineNumber;
                    var skeleton = ReadThing(reader, lines, name);
                    if (!ids.Add(skeleton.Id))
                    {
                        throw new NmlFormatException(name, line, $"thing id {skeleton.Id} appears twice");
                    }

                    skeletons.Add(skeleton);
                }
                else
                {
                    reader.Skip();
                }
            }

            return skeletons;
        }
        catch (XmlException error)
        {
            throw new NmlFormatException(name, error.LineNumber, $"not well-formed XML: {error.Message}", error);
        }
    }

    private static Skeleton ReadThing(XmlReader reader, IXmlLineInfo lines, string file)
    {
        int line = lines.LineNumber;
        long id = Integer(reader, lines, file, "thing", "id");
        if (id <= 0)
        {
            throw new NmlFormatException(file, line, $"thing id {id} must be positive (0 is the background label)");
        }

        string? name = reader.GetAttribute("name");
        var nodes = new List<SkeletonNode>();
        var edges = new List<(long, long)>();
        var edgeLines = new List<int>();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name is "nodes" or "edges" && !reader.IsEmptyElement)
                {
                    string list = reader.Name;
                    reader.Read();
                    while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
                    {
                        if (reader.NodeType == XmlNodeType.Element && list == "nodes" && reader.Name == "node")
                        {
                            nodes.Add(new SkeletonNode(
                                Integer(reader, lines, file, "node", "id"),
                                Number(reader, lines, file, "node", "x", required: true),
                                Number(reader, lines, file, "node", "y", required: true),
                                Number(reader, lines, file, "node", "z", required: false)));
                        }
                        else if (reader.NodeType == XmlNodeType.Element && list == "edges" && reader.Name == "edge")
                        {
                            edgeLines.Add(lines.LineNumber);
                            edges.Add((Integer(reader, lines, file, "edge", "source"), Integer(reader, lines, file, "edge", "target")));
                        }

                        reader.Skip();
                    }

                    reader.Read();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        reader.Read();
        var nodeIds = new HashSet<long>();
        foreach (var node in nodes)
        {
            nodeIds.Add(node.Id);
        }

        for (int e = 0; e < edges.Count; e++)
        {
            if (!nodeIds.Contains(edges[e].Item1) || !nodeIds.Contains(edges[e].Item2))
            {
                throw new NmlFormatException(file, edgeLines[e], $"edge {edges[e].Item1}–{edges[e].Item2} of thing {id} names a node the thing does not have");
            }
        }

        return new Skeleton(id, name, nodes, edges);
    }

    private static long Integer(XmlReader reader, IXmlLineInfo lines, string file, string element, string attribute)
    {
        string? text = reader.GetAttribute(attribute);
        if (text is null)
        {
            throw new NmlFormatException(file, lines.LineNumber, $"<{element}> has no '{attribute}' attribute");
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new NmlFormatException(file, lines.LineNumber, $"<{element}> attribute {attribute}=\"{text}\" is not an integer");
    }

    private static double Number(XmlReader reader, IXmlLineInfo lines, string file, string element, string attribute, bool required)
    {
        string? text = reader.GetAttribute(attribute);
        if (text is null)
        {
            return required ? throw new NmlFormatException(file, lines.LineNumber, $"<{element}> has no '{attribute}' attribute") : 0;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new NmlFormatException(file, lines.LineNumber, $"<{element}> attribute {attribute}=\"{text}\" is not a number");
    }
}
