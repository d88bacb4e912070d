using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Storage.Ome;

/// <summary>
/// An OME-NGFF multiscale image description: 0.4 (Zarr v2, <c>.zattrs</c> "multiscales") or 0.5
/// (Zarr v3, <c>zarr.json</c> attributes "ome" with "version": "0.5"). Datasets go from the highest to the
/// lowest resolution.
/// </summary>
public sealed record OmeMultiscales
{
    public const string Version04 = "0.4";
    public const string Version05 = "0.5";

    /// <summary>"0.4" or "0.5".</summary>
    public required string Version { get; init; }

    public string? Name { get; init; }

    public required IReadOnlyList<OmeAxis> Axes { get; init; }

    public required IReadOnlyList<OmeDataset> Datasets { get; init; }

    /// <summary>The downscaling method, e.g. "gaussian" (optional).</summary>
    public string? Type { get; init; }

    /// <summary>Multiscale-level scale applied after each dataset's transforms (optional).</summary>
    public IReadOnlyList<double>? Scale { get; init; }

    /// <summary>Multiscale-level translation applied after each dataset's transforms (optional).</summary>
    public IReadOnlyList<double>? Translation { get; init; }

    /// <summary>The first multiscales entry of the image group at <paramref name="groupPath"/>.</summary>
    public static OmeMultiscales Read(string groupPath)
    {
        var all = ReadAll(groupPath);
        return all.Count > 0 ? all[0] : throw new MetadataException(groupPath, "attributes", "multiscales", "is an empty list");
    }

    /// <summary>Every multiscales entry of the image group at <paramref name="groupPath"/>.</summary>
    public static IReadOnlyList<OmeMultiscales> ReadAll(string groupPath) => OmeMetadataReader.Read(ZarrGroup.Open(groupPath));

    /// <summary>True when the group exists and carries multiscales metadata.</summary>
    public static bool Exists(string groupPath) =>
        ZarrGroup.Exists(groupPath) && ZarrGroup.Open(groupPath).Attributes is var a && (a["multiscales"] is not null || a["ome"]?["multiscales"] is not null);

    /// <summary>
    /// Writes <paramref name="multiscales"/> as the only multiscales entry of the group at
    /// <paramref name="groupPath"/>, creating the group (v2 for 0.4, v3 for 0.5) when missing and keeping
    /// other attributes. For 0.5, level arrays that already exist must have dimension_names equal to the axis names.
    /// </summary>
    public static void Write(string groupPath, OmeMultiscales multiscales) => OmeMetadataWriter.Write(groupPath, multiscales);
}
