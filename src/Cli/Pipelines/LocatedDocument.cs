using System.Text.Json.Nodes;

namespace Volara.Cli.Pipelines;

/// <summary>
/// A parsed configuration file (JSON or YAML) as JSON nodes, with the line and column of every value by its
/// JSON pointer, so a problem found in the tree can be shown where the user wrote it.
/// </summary>
public sealed class LocatedDocument(string file, JsonNode? root, IReadOnlyDictionary<string, SourceLocation> locations)
{
    public string File { get; } = file;

    public JsonNode? Root { get; } = root;

    /// <summary>Where the value at <paramref name="pointer"/> was written; else its nearest written ancestor.</summary>
    public SourceLocation Locate(string pointer)
    {
        while (true)
        {
            if (locations.TryGetValue(pointer, out var location))
            {
                return location;
            }

            if (pointer.Length == 0)
            {
                return new SourceLocation(1, 1);
            }

            pointer = pointer[..pointer.LastIndexOf('/')];
        }
    }

    /// <summary>Reads a file by its extension: <c>.yaml</c>/<c>.yml</c> as YAML, everything else as JSON.</summary>
    public static LocatedDocument Load(string file)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliPaths.Missing(file);
        }

        string extension = Path.GetExtension(file).ToLowerInvariant();
        return extension is ".yaml" or ".yml" ? YamlDocumentReader.Read(file, text) : JsonDocumentReader.Read(file, text);
    }

    /// <summary>The pointer of a child: <c>/</c> and <c>~</c> in names are escaped as RFC 6901 says.</summary>
    public static string Child(string pointer, string name) => $"{pointer}/{name.Replace("~", "~0").Replace("/", "~1")}";

    public static string Child(string pointer, int index) => $"{pointer}/{index}";
}
