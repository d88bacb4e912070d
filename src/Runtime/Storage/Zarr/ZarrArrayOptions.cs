using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Everything needed to create an array.</summary>
public sealed record ZarrArrayOptions
{
    public required long[] Shape { get; init; }

    /// <summary>The chunk shape; the inner chunk shape when <see cref="ShardShape"/> is set.</summary>
    public required int[] ChunkShape { get; init; }

    public required DataType DataType { get; init; }

    public int ZarrFormat { get; init; } = 2;

    /// <summary>Zarr v3 only: the shard (outer chunk) shape, a multiple of <see cref="ChunkShape"/>.</summary>
    public int[]? ShardShape { get; init; }

    /// <summary>v2: filters then the compressor (the last one is the compressor). v3: bytes-to-bytes codecs (inner ones when sharded).</summary>
    public IReadOnlyList<IBytesCodec> Codecs { get; init; } = [];

    /// <summary>null means 0 (false for bool); floats also accept "NaN", "Infinity", "-Infinity".</summary>
    public JsonNode? FillValue { get; init; }

    /// <summary>'C' or 'F'. In v3, 'F' becomes a transpose codec reversing the axes.</summary>
    public char Order { get; init; } = 'C';

    /// <summary>v2 default "."; v3 default "/".</summary>
    public string? DimensionSeparator { get; init; }

    /// <summary>v3: "default" (<c>c/1/2</c>) or "v2" (<c>1.2</c>).</summary>
    public string ChunkKeyEncoding { get; init; } = "default";

    /// <summary>v3 sharding: put the shard index at the start of the shard instead of the end.</summary>
    public bool ShardIndexAtStart { get; init; }

    /// <summary>Store multi-byte elements big-endian.</summary>
    public bool BigEndian { get; init; }

    public IReadOnlyList<string?>? DimensionNames { get; init; }

    public JsonObject? Attributes { get; init; }
}
