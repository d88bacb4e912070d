using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Finds out what is stored at a directory: a v2/v3 array, a v2/v3 group, or nothing.</summary>
internal static class NodeLocator
{
    /// <summary>The absolute form of a node path without a trailing separator, so parents are computed correctly.</summary>
    public static string FullPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return full.Length == 0 ? Path.GetFullPath(path) : full;
    }

    public static (ZarrNodeKind Kind, int Format)? Probe(string directory)
    {
        if (File.Exists(Path.Combine(directory, ".zarray")))
        {
            return (ZarrNodeKind.Array, 2);
        }

        if (File.Exists(Path.Combine(directory, ".zgroup")))
        {
            return (ZarrNodeKind.Group, 2);
        }

        string v3 = Path.Combine(directory, "zarr.json");
        if (!File.Exists(v3))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(v3))?["node_type"]?.GetValue<string>() switch
            {
                "array" => (ZarrNodeKind.Array, 3),
                "group" => (ZarrNodeKind.Group, 3),
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates group metadata for the ancestors of a new node. Walks upwards from the parent: a directory
    /// that does not exist yet is created as a group; an existing group ends the walk; an existing
    /// directory without metadata ends the walk too (it is outside the hierarchy) unless its name ends in
    /// ".zarr", which marks the container root, and then it becomes a group. A created ".zarr" directory also
    /// ends the walk. An array on the way is an error.
    /// </summary>
    public static void CreateAncestorGroups(string nodeDirectory, int format)
    {
        var pending = new List<string>();
        for (string? dir = Path.GetDirectoryName(nodeDirectory); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            bool isContainer = Path.GetFileName(dir).EndsWith(".zarr", StringComparison.OrdinalIgnoreCase);
            if (!Directory.Exists(dir))
            {
                pending.Add(dir);
                if (isContainer)
                {
                    break;
                }

                continue;
            }

            var node = Probe(dir);
            if (node is { Kind: ZarrNodeKind.Array })
            {
                throw new ZarrException("cannot create a node inside an array", dir);
            }

            if (node is null && isContainer)
            {
                pending.Add(dir);
            }

            break;
        }

        for (int i = pending.Count - 1; i >= 0; i--)
        {
            WriteGroupMetadata(pending[i], format, null);
        }
    }

    public static void WriteGroupMetadata(string directory, int format, JsonObject? attributes)
    {
        Directory.CreateDirectory(directory);
        if (format == 2)
        {
            ChunkFiles.WriteAtomic(Path.Combine(directory, ".zgroup"), NodeAttributes.Serialize(new JsonObject { ["zarr_format"] = 2 }));
            if (attributes is not null)
            {
                ChunkFiles.WriteAtomic(Path.Combine(directory, ".zattrs"), NodeAttributes.Serialize(attributes));
            }

            return;
        }

        var doc = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "group",
            ["attributes"] = attributes?.DeepClone() ?? new JsonObject(),
        };
        ChunkFiles.WriteAtomic(Path.Combine(directory, "zarr.json"), NodeAttributes.Serialize(doc));
    }

    /// <summary>Removes a node directory (for overwrite).</summary>
    public static void Remove(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
