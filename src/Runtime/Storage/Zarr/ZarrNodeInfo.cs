namespace Volara.Runtime.Storage.Zarr;

/// <summary>A node found below a group: its path relative to that group ('/'-separated), kind and Zarr format.</summary>
public sealed record ZarrNodeInfo(string Path, ZarrNodeKind Kind, int ZarrFormat)
{
    /// <summary>The last path component.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];
}
