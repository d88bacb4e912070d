namespace Volara.Runtime.Storage.Ome;

/// <summary>
/// One resolution level: the array path relative to the image group, its physical voxel size per axis
/// (<c>scale</c>) and optional physical offset (<c>translation</c>).
/// </summary>
public sealed record OmeDataset(string Path, IReadOnlyList<double> Scale, IReadOnlyList<double>? Translation = null);
