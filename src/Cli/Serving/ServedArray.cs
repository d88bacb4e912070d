using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Serving;

/// <summary>
/// An array inside a served container: its path below the root, Zarr format, funlib geometry, and the names
/// neuroglancer gives its axes when it reads the array (which a viewer state must use to address them).
/// </summary>
public sealed record ServedArray(string RelativePath, int ZarrFormat, string DataType, VolumeArray Geometry, IReadOnlyList<string> ViewerAxisNames)
{
    /// <summary>Label arrays (uint32/uint64, as volara writes them) show as segmentation layers, everything else as images.</summary>
    public bool IsSegmentation => DataType is "uint32" or "uint64";

    /// <summary>Every array below <paramref name="root"/> (the root itself when it is one), in path order.</summary>
    public static IReadOnlyList<ServedArray> Find(string root)
    {
        var arrays = new List<ServedArray>();
        var pending = new Stack<string>([Path.GetFullPath(root)]);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            if (IsArray(directory))
            {
                var zarr = ZarrArray.Open(directory);
                string relative = Path.GetRelativePath(root, directory).Replace(Path.DirectorySeparatorChar, '/');
                arrays.Add(new ServedArray(relative == "." ? "" : relative, zarr.ZarrFormat, zarr.DataType.NumpyName, new Raw { Store = directory }.Array(), ViewerNames(zarr)));
                continue;
            }

            // The server answers only for what lies inside the root, so links are not walked either.
            foreach (string child in Directory.EnumerateDirectories(directory).Where(child => new DirectoryInfo(child).LinkTarget is null))
            {
                pending.Push(child);
            }
        }

        arrays.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return arrays;
    }

    /// <summary>Zarr 3's dimension_names, xarray's _ARRAY_DIMENSIONS for Zarr 2, where complete; d0, d1, … otherwise.</summary>
    private static string[] ViewerNames(ZarrArray zarr)
    {
        int dims = zarr.Shape.Count;
        IEnumerable<string?>? named = zarr.ZarrFormat == 3
            ? zarr.DimensionNames
            : (zarr.Attributes["_ARRAY_DIMENSIONS"] as JsonArray)?.Select(name => name is JsonValue value && value.TryGetValue(out string? text) ? text : null);
        string[] names = [.. (named ?? []).OfType<string>().Where(name => name.Length > 0)];
        return names.Length == dims ? names : [.. Enumerable.Range(0, dims).Select(axis => $"d{axis}")];
    }

    private static bool IsArray(string directory)
    {
        if (File.Exists(Path.Combine(directory, ".zarray")))
        {
            return true;
        }

        string v3 = Path.Combine(directory, "zarr.json");
        return File.Exists(v3) && JsonNode.Parse(File.ReadAllText(v3))?["node_type"]?.GetValue<string>() == "array";
    }
}
