using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>The parsed, validated description of an array in either Zarr format.</summary>
internal sealed class ArrayMetadata
{
    public required int ZarrFormat { get; init; }

    public required long[] Shape { get; init; }

    /// <summary>The read granularity: the inner chunk shape when sharded.</summary>
    public required int[] ChunkShape { get; init; }

    public ShardLayout? Sharding { get; init; }

    /// <summary>Shape of one stored object (the shard when sharded, else the chunk).</summary>
    public int[] StoredShape => Sharding?.ShardShape ?? ChunkShape;

    public required DataType DataType { get; init; }

    public required byte[] FillBytes { get; init; }

    public required JsonNode? FillJson { get; init; }

    /// <summary>v2 <c>fill_value: null</c>: chunks are meant to exist, so even all-zero chunks are written.</summary>
    public bool FillIsNull { get; init; }

    public required char Order { get; init; }

    public required IReadOnlyList<JsonObject> CodecConfigs { get; init; }

    public IReadOnlyList<string?>? DimensionNames { get; init; }

    public required ChunkKeyEncoding KeyEncoding { get; init; }

    /// <summary>Encodes one (inner) chunk.</summary>
    public required ChunkPipeline Pipeline { get; init; }

    /// <summary>The metadata document (.zarray or zarr.json) as read or written.</summary>
    public required JsonObject Document { get; init; }
}
