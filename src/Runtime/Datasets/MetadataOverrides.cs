using Volara.Runtime.Geometry;

namespace Volara.Runtime.Datasets;

/// <summary>
/// Explicit metadata values that take precedence over the stored attributes (funlib's <c>open_ds</c>/<c>prepare_ds</c>
/// keyword arguments). <c>null</c> means "not given". Offset, voxel size and units may cover the physical dims only, or
/// every dim when <see cref="Types"/> is known.
/// </summary>
public sealed record MetadataOverrides
{
    public Coordinate? Offset { get; init; }

    public Coordinate? VoxelSize { get; init; }

    public IReadOnlyList<string>? AxisNames { get; init; }

    public IReadOnlyList<string>? Units { get; init; }

    public IReadOnlyList<string>? Types { get; init; }

    public static MetadataOverrides None { get; } = new();
}
