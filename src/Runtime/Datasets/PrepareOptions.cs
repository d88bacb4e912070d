using System.Text.Json.Nodes;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Datasets;

/// <summary>
/// What <see cref="VolumeArray.Prepare"/> should make sure exists (funlib's <c>prepare_ds</c> arguments). Shape and chunk
/// shape cover all dims (channels included); offset, voxel size and units the physical dims.
/// </summary>
public sealed record PrepareOptions
{
    public required long[] Shape { get; init; }

    /// <summary>Chunk shape; null lets the library choose (and skips the chunk comparison with an existing array).</summary>
    public int[]? ChunkShape { get; init; }

    public DataType DataType { get; init; } = DataType.Float32;

    public Coordinate? Offset { get; init; }

    public Coordinate? VoxelSize { get; init; }

    public IReadOnlyList<string>? AxisNames { get; init; }

    public IReadOnlyList<string>? Units { get; init; }

    public IReadOnlyList<string>? Types { get; init; }

    public AccessMode Mode { get; init; } = AccessMode.Append;

    /// <summary>Extra attributes written next to the metadata; their keys must not be metadata keys.</summary>
    public JsonObject? CustomAttributes { get; init; }

    public int ZarrFormat { get; init; } = 2;

    /// <summary>
    /// The codecs of a new array; null takes zarr-python 2's default compressor, Blosc lz4 (clevel 5) with byte
    /// shuffle, which keeps label and mask outputs small at almost no cost. An empty list stores chunks raw.
    /// </summary>
    public IReadOnlyList<IBytesCodec>? Codecs { get; init; }

    public JsonNode? FillValue { get; init; }

    internal MetadataOverrides Metadata => new()
    {
        Offset = Offset,
        VoxelSize = VoxelSize,
        AxisNames = AxisNames,
        Units = Units,
        Types = Types,
    };
}
