using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>The Zarr v3 <c>crc32c</c> codec: the data followed by its little-endian CRC-32C (Castagnoli).</summary>
public sealed class Crc32cCodec : IBytesCodec, IDecodeInto
{
    private const int ChecksumSize = 4;

    public string Id => "crc32c";

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        var result = RentedBuffer.Rent(source.Length + ChecksumSize);
        source.CopyTo(result.Span);
        BinaryPrimitives.WriteUInt32LittleEndian(result.Span[source.Length..], Crc32c.Compute(source));
        return result;
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        var data = Verified(source);
        DecodedSize.Check(Id, data.Length, decodedLength);
        var result = RentedBuffer.Rent(data.Length);
        data.CopyTo(result.Span);
        return result;
    }

    public void DecodeInto(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var data = Verified(source);
        DecodedSize.Check(Id, data.Length, destination.Length);
        data.CopyTo(destination);
    }

    /// <summary>The data part of <paramref name="source"/> once its checksum is confirmed.</summary>
    private static ReadOnlySpan<byte> Verified(ReadOnlySpan<byte> source)
    {
        if (source.Length < ChecksumSize)
        {
            throw new CodecException($"crc32c: {source.Length} bytes is too short to hold the 4-byte checksum");
        }

        var data = source[..^ChecksumSize];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(source[^ChecksumSize..]);
        uint actual = Crc32c.Compute(data);
        if (stored != actual)
        {
            throw new CodecException($"crc32c checksum mismatch: stored 0x{stored:x8}, computed 0x{actual:x8}");
        }

        return data;
    }

    /// <summary>crc32c is a v3 codec; numcodecs' v2 form is <c>{"id": "crc32c"}</c>.</summary>
    public JsonObject ToV2Config() => new() { ["id"] = Id };

    public JsonObject ToV3Config() => CodecConfig.V3(Id, null);
}
