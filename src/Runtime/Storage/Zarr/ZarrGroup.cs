using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>A Zarr v2 (<c>.zgroup</c>) or v3 (<c>zarr.json</c>, node_type group) group on the local file system.</summary>
public sealed class ZarrGroup
{
    private ZarrGroup(string path, int format)
    {
        Path = path;
        ZarrFormat = format;
    }

    public string Path { get; }

    public int ZarrFormat { get; }

    /// <summary>A fresh copy of the stored user attributes.</summary>
    public JsonObject Attributes => NodeAttributes.Read(Path, ZarrFormat, Path);

    public static ZarrGroup Open(string path)
    {
        string full = NodeLocator.FullPath(path);
        return NodeLocator.Probe(full) switch
        {
            { Kind: ZarrNodeKind.Group } node => new ZarrGroup(full, node.Format),
            { Kind: ZarrNodeKind.Array } => throw new ZarrException("is an array, not a group", full),
            _ => throw new ZarrException(Directory.Exists(full) ? "no .zgroup or zarr.json found" : "path does not exist", full),
        };
    }

    /// <summary>
    /// Creates a group (and its new ancestors, like arrays do). An existing group is returned as is unless
    /// <paramref name="overwrite"/>, which deletes it and everything below; an existing array is an error
    /// unless <paramref name="overwrite"/>.
    /// </summary>
    public static ZarrGroup Create(string path, int zarrFormat = 2, bool overwrite = false)
    {
        if (zarrFormat is not (2 or 3))
        {
            throw new ArgumentException($"zarr '{path}': format {zarrFormat} is not 2 or 3", nameof(zarrFormat));
        }

        string full = NodeLocator.FullPath(path);
        var existing = NodeLocator.Probe(full);
        if (existing is not null && !overwrite)
        {
            if (existing.Value.Kind == ZarrNodeKind.Group && existing.Value.Format == zarrFormat)
            {
                return new ZarrGroup(full, zarrFormat);
            }

            throw new ZarrException($"already exists as a v{existing.Value.Format} {existing.Value.Kind.ToString().ToLowerInvariant()} (pass overwrite to replace it)", full);
        }

        if (overwrite && existing is not null)
        {
            NodeLocator.Remove(full);
        }

        NodeLocator.CreateAncestorGroups(full, zarrFormat);
        NodeLocator.WriteGroupMetadata(full, zarrFormat, null);
        return new ZarrGroup(full, zarrFormat);
    }

    public static bool Exists(string path) =>
        NodeLocator.Probe(NodeLocator.FullPath(path)) is { Kind: ZarrNodeKind.Group };

    public void SetAttributes(JsonObject attributes) => NodeAttributes.Replace(Path, ZarrFormat, Path, attributes);

    public void UpdateAttributes(JsonObject attributes) => NodeAttributes.Merge(Path, ZarrFormat, Path, attributes);

    /// <summary>The arrays and groups directly below, sorted by name.</summary>
    public IReadOnlyList<ZarrNodeInfo> Children()
    {
        var children = new List<ZarrNodeInfo>();
        foreach (string directory in Directory.EnumerateDirectories(Path))
        {
            if (NodeLocator.Probe(directory) is { } node)
            {
                children.Add(new ZarrNodeInfo(System.IO.Path.GetFileName(directory), node.Kind, node.Format));
            }
        }

        children.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return children;
    }

    /// <summary>Every node below this group (depth first, parents before children), with '/'-separated relative paths.</summary>
    public IReadOnlyList<ZarrNodeInfo> Walk()
    {
        var nodes = new List<ZarrNodeInfo>();
        WalkInto(Path, "", nodes);
        return nodes;
    }

    private static void WalkInto(string directory, string prefix, List<ZarrNodeInfo> nodes)
    {
        var names = new List<string>();
        foreach (string child in Directory.EnumerateDirectories(directory))
        {
            names.Add(System.IO.Path.GetFileName(child));
        }

        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            string child = System.IO.Path.Combine(directory, name);
            if (NodeLocator.Probe(child) is not { } node)
            {
                continue;
            }

            string relative = prefix.Length == 0 ? name : $"{prefix}/{name}";
            nodes.Add(new ZarrNodeInfo(relative, node.Kind, node.Format));
            if (node.Kind == ZarrNodeKind.Group)
            {
                WalkInto(child, relative, nodes);
            }
        }
    }
}
