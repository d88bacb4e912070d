using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// What gzip and zlib share: deflate through a .NET compression stream, a fixed encoding for empty input (the
/// streams write nothing at all for it), and a trailer check, because the streams stop quietly on truncated data.
/// </summary>
public abstract class DeflateFamilyCodec : IBytesCodec
{
    private protected DeflateFamilyCodec(string id, int level)
    {
        Id = id;
        Level = ZlibLevel.Validate(id, level);
    }

    public string Id { get; }

    /// <summary>Compression level 0-9, or -1 for zlib's default.</summary>
    public int Level { get; }

    /// <summary>The complete encoding of zero bytes.</summary>
    private protected abstract ReadOnlySpan<byte> EmptyEncoding { get; }

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            var empty = RentedBuffer.Rent(EmptyEncoding.Length);
            EmptyEncoding.CopyTo(empty.Span);
            return empty;
        }

        using var output = new RentedBufferStream(source.Length / 2 + 64);
        using (var compressor = CreateStream(output, ZlibLevel.Options(Level)))
        {
            compressor.Write(source);
        }

        return output.Detach();
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        var result = StreamDecoding.Decode(Id, source, decodedLength, CreateDecompressionStream);
        try
        {
            CheckTrailer(source, result.Span);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public JsonObject ToV2Config() => new() { ["id"] = Id, ["level"] = Level };

    public abstract JsonObject ToV3Config();

    private protected abstract Stream CreateStream(Stream output, ZLibCompressionOptions options);

    private protected abstract Stream CreateDecompressionStream(Stream input);

    private protected abstract void CheckTrailer(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> decoded);
}
