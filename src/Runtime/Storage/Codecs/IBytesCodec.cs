using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// A bytes-to-bytes codec: a Zarr v2 compressor or filter on raw bytes, or a Zarr v3 bytes-to-bytes codec.
/// Implementations are immutable and thread-safe: many chunks are encoded and decoded in parallel.
/// </summary>
public interface IBytesCodec
{
    /// <summary>The codec's id as written in metadata (<c>blosc</c>, <c>gzip</c>, <c>zstd</c>, ...).</summary>
    string Id { get; }

    /// <summary>Encodes <paramref name="source"/> into a rented buffer the caller disposes.</summary>
    RentedBuffer Encode(ReadOnlySpan<byte> source);

    /// <summary>
    /// Decodes <paramref name="source"/> into a rented buffer the caller disposes.
    /// <paramref name="decodedLength"/> is the expected decoded size when the caller knows it, else -1.
    /// Corrupt or truncated input throws <see cref="CodecException"/>.
    /// </summary>
    RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength);

    /// <summary>The Zarr v2 configuration object (<c>{"id": ..., ...}</c>).</summary>
    JsonObject ToV2Config();

    /// <summary>The Zarr v3 codec object (<c>{"name": ..., "configuration": {...}}</c>).</summary>
    JsonObject ToV3Config();
}
