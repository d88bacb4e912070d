using System.Buffers.Binary;
using System.Text.Json.Nodes;
using K4os.Compression.LZ4;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>numcodecs' <c>lz4</c>: a 4-byte little-endian uncompressed size, then one raw LZ4 block.</summary>
public sealed class Lz4Codec : IBytesCodec, IDecodeInto
{
    private const int SizePrefix = 4;

    public Lz4Codec(int acceleration = 1)
    {
        Acceleration = acceleration;
    }

    public string Id => "lz4";

    /// <summary>LZ4 acceleration as recorded in metadata; it trades ratio for speed and never affects decoding.</summary>
    public int Acceleration { get; }

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        var result = RentedBuffer.Rent(SizePrefix + LZ4Codec.MaximumOutputSize(source.Length));
        BinaryPrimitives.WriteInt32LittleEndian(result.Span, source.Length);
        int written;
        if (source.IsEmpty)
        {
            // The LZ4 block of no data is a single token byte, as liblz4 (and so numcodecs) writes it.
            result.Span[SizePrefix] = 0;
            written = 1;
        }
        else
        {
            written = LZ4Codec.Encode(source, result.Span[SizePrefix..]);
        }

        if (written <= 0)
        {
            result.Dispose();
            throw new CodecException($"lz4: compression of {source.Length} bytes failed");
        }

        return result.WithLength(SizePrefix + written);
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        int size = ReadSize(source);
        DecodedSize.Check(Id, size, decodedLength);
        return this.DecodeRented(source, size);
    }

    public void DecodeInto(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int size = ReadSize(source);
        DecodedSize.Check(Id, size, destination.Length);
        int written = size == 0 ? 0 : LZ4Codec.Decode(source[SizePrefix..], destination);
        if (written != size)
        {
            throw new CodecException($"lz4: corrupt or truncated block (decoded {written} of {size} bytes)");
        }
    }

    private static int ReadSize(ReadOnlySpan<byte> source)
    {
        if (source.Length < SizePrefix)
        {
            throw new CodecException($"lz4: {source.Length} bytes is too short for the 4-byte size prefix");
        }

        int size = BinaryPrimitives.ReadInt32LittleEndian(source);
        if (size < 0)
        {
            throw new CodecException($"lz4: negative uncompressed size {size} in the size prefix");
        }

        // LZ4 cannot expand data more than about 255-fold, so a larger claim is corrupt, not a reason to allocate.
        if (size > (source.Length - (long)SizePrefix) * 255 + 16)
        {
            throw new CodecException($"lz4: size prefix {size} is impossible for {source.Length - SizePrefix} compressed bytes");
        }

        return size;
    }

    public JsonObject ToV2Config() => new() { ["id"] = Id, ["acceleration"] = Acceleration };

    /// <summary>lz4 is not a core v3 codec; zarr-python 3 names it <c>numcodecs.lz4</c>.</summary>
    public JsonObject ToV3Config() => CodecConfig.V3("numcodecs.lz4", new JsonObject { ["acceleration"] = Acceleration });
}
