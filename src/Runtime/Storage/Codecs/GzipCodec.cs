using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>A gzip member (RFC 1952), as numcodecs' <c>gzip</c> and the Zarr v3 <c>gzip</c> codec write it.</summary>
public sealed class GzipCodec : IBytesCodec
{
    public GzipCodec(int level = 1)
    {
        Level = ZlibLevel.Validate("gzip", level);
    }

    public string Id => "gzip";

    /// <summary>Compression level 0-9, or -1 for zlib's default.</summary>
    public int Level { get; }

    /// <summary>An empty gzip member; .NET's stream writes nothing at all when given no data.</summary>
    private static readonly byte[] EmptyEncoding = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            var empty = RentedBuffer.Rent(EmptyEncoding.Length);
            EmptyEncoding.CopyTo(empty.Span);
            return empty;
        }

        using var output = new RentedBufferStream(source.Length / 2 + 64);
        using (var gzip = new GZipStream(output, ZlibLevel.Options(Level), leaveOpen: true))
        {
            gzip.Write(source);
        }

        return output.Detach();
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        var result = StreamDecoding.Decode(Id, source, decodedLength, input => new GZipStream(input, CompressionMode.Decompress));
        try
        {
            DeflateTrailer.CheckGzip(source, result.Span);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public JsonObject ToV2Config() => new() { ["id"] = Id, ["level"] = Level };

    public JsonObject ToV3Config() => CodecConfig.V3(Id, new JsonObject { ["level"] = Level });
}
