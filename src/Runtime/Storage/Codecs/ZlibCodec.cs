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

    public RentedBuffer Encode(ReadOnlySpan<byte> source)
    {
        using var output = new RentedBufferStream(source.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, ZlibLevel.Options(Level), leaveOpen: true))
        {
            zlib.Write(source);
        }

        return output.Detach();
    }

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength) =>
        StreamDecoding.Decode(Id, source, decodedLength, input => new ZLibStream(input, CompressionMode.Decompress));

    public JsonObject ToV2Config() => new() { ["id"] = Id, ["level"] = Level };

    /// <summary>zlib is not a core v3 codec; zarr-python 3 names it <c>numcodecs.zlib</c>.</summary>
    public JsonObject ToV3Config() => CodecConfig.V3("numcodecs.zlib", new JsonObject { ["level"] = Level });
}
