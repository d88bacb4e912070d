using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// The Zarr v3 core <c>crc32c</c> bytes-to-bytes codec: appends the little-endian CRC-32C of the data.
/// Owned by the array layer because shard indexes need it too.
/// </summary>
internal sealed class Crc32cCodec : IBytesCodec
{
    public static readonly Crc32cCodec Instance = new();

    public string Id => "crc32c";

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        var output = RentedBuffer.Rent(source.Length + 4);
        source.CopyTo(output.Span);
        BinaryPrimitives.WriteUInt32LittleEndian(output.Span[source.Length..], Crc32c.Compute(source));
        return output;
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        if (source.Length < 4)
        {
            throw new CodecException($"crc32c: {source.Length} bytes is too short for a checksum");
        }

        var payload = source[..^4];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(source[^4..]);
        uint actual = Crc32c.Compute(payload);
        if (stored != actual)
        {
            throw new CodecException($"crc32c: checksum mismatch (stored 0x{stored:x8}, computed 0x{actual:x8})");
        }

        var output = RentedBuffer.Rent(payload.Length);
        payload.CopyTo(output.Span);
        return output;
    }

    public JsonObject ToV2Config() => new() { ["id"] = "crc32c" };

    public JsonObject ToV3Config() => new() { ["name"] = "crc32c" };
}
