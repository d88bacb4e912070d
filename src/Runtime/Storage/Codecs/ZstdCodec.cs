using System.Text.Json.Nodes;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// One zstd frame, as numcodecs' <c>zstd</c> and the Zarr v3 <c>zstd</c> codec write it. Decoding also accepts
/// frames without a content size (some writers omit it) and concatenated frames.
/// </summary>
public sealed class ZstdCodec : IBytesCodec, IDecodeInto
{
    public ZstdCodec(int level = 0, bool checksum = false)
    {
        Level = level;
        Checksum = checksum;
    }

    public string Id => "zstd";

    /// <summary>zstd level; 0 means zstd's default (3), values above 22 act as 22, negative ones are the fast levels.</summary>
    public int Level { get; }

    /// <summary>Whether frames carry a content checksum.</summary>
    public bool Checksum { get; }

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        var result = RentedBuffer.Rent(Compressor.GetCompressBound(source.Length));
        if (NativeZstd.Enabled)
        {
            try
            {
                // The bound always fits.
                return result.WithLength(NativeZstd.Compress(Level, Checksum, source, result.Span));
            }
            catch (CodecException)
            {
                result.Dispose();
                throw;
            }
        }

        var compressor = ZstdContexts.Compressor(Level, Checksum);
        try
        {
            return result.WithLength(compressor.Wrap(source, result.Span));
        }
        catch (ZstdException error)
        {
            result.Dispose();
            throw new CodecException($"zstd: compression failed ({error.Message})", error);
        }
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        if (decodedLength < 0)
        {
            return StreamDecoding.Decode(Id, source, -1, input => new DecompressionStream(input, leaveOpen: true));
        }

        return this.DecodeRented(source, decodedLength);
    }

    public void DecodeInto(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written;
        try
        {
            written = ZstdContexts.Decompressor().Unwrap(source, destination);
        }
        catch (ZstdException error)
        {
            throw new CodecException(
                $"zstd: corrupt or truncated data, or larger than the {destination.Length} bytes the chunk needs ({error.Message})", error);
        }

        DecodedSize.Check(Id, written, destination.Length);
    }

    /// <summary>
    /// numcodecs before 0.13 has no checksum parameter and rejects the key, so it is only written when set;
    /// newer numcodecs reads a missing key as false.
    /// </summary>
    public JsonObject ToV2Config()
    {
        var config = new JsonObject { ["id"] = Id, ["level"] = Level };
        if (Checksum)
        {
            config["checksum"] = true;
        }

        return config;
    }

    public JsonObject ToV3Config() =>
        CodecConfig.V3(Id, new JsonObject { ["level"] = Level, ["checksum"] = Checksum });
}
