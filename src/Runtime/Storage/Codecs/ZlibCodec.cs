using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>A zlib stream (RFC 1950), as numcodecs' <c>zlib</c> writes it.</summary>
public sealed class ZlibCodec : IBytesCodec
{
    public ZlibCodec(int level = 1)
    {
        Level = ZlibLevel.Validate("zlib", level);
    }

    public string Id => "zlib";

    /// <summary>Compression level 0-9, or -1 for zlib's default.</summary>
    public int Level { get; }

    /// <summary>An empty zlib stream; .NET's stream writes nothing at all when given no data.</summary>
    private static readonly byte[] EmptyEncoding = [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            var empty = RentedBuffer.Rent(EmptyEncoding.Length);
            EmptyEncoding.CopyTo(empty.Span);
            return empty;
        }

        using var output = new RentedBufferStream(source.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, ZlibLevel.Options(Level), leaveOpen: true))
        {
            zlib.Write(source);
        }

        return output.Detach();
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        var result = StreamDecoding.Decode(Id, source, decodedLength, input => new ZLibStream(input, CompressionMode.Decompress));
        try
        {
            DeflateTrailer.CheckZlib(source, result.Span);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public JsonObject ToV2Config() => new() { ["id"] = Id, ["level"] = Level };

    /// <summary>zlib is not a core v3 codec; zarr-python 3 names it <c>numcodecs.zlib</c>.</summary>
    public JsonObject ToV3Config() => CodecConfig.V3("numcodecs.zlib", new JsonObject { ["level"] = Level });
}
