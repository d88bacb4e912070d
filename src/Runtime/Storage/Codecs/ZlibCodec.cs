using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>A zlib stream (RFC 1950), as numcodecs' <c>zlib</c> writes it.</summary>
public sealed class ZlibCodec(int level = 1) : DeflateFamilyCodec("zlib", level)
{
    private protected override ReadOnlySpan<byte> EmptyEncoding => [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];

    /// <summary>zlib is not a core v3 codec; zarr-python 3 names it <c>numcodecs.zlib</c>.</summary>
    public override JsonObject ToV3Config() => CodecConfig.V3("numcodecs.zlib", new JsonObject { ["level"] = Level });

    private protected override Stream CreateStream(Stream output, ZLibCompressionOptions options) => new ZLibStream(output, options, leaveOpen: true);

    private protected override Stream CreateDecompressionStream(Stream input) => new ZLibStream(input, CompressionMode.Decompress);

    private protected override void CheckTrailer(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> decoded) => DeflateTrailer.CheckZlib(encoded, decoded);
}
