using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>A gzip member (RFC 1952), as numcodecs' <c>gzip</c> and the Zarr v3 <c>gzip</c> codec write it.</summary>
public sealed class GzipCodec(int level = 1) : DeflateFamilyCodec("gzip", level)
{
    private protected override ReadOnlySpan<byte> EmptyEncoding =>
        [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    public override JsonObject ToV3Config() => CodecConfig.V3(Id, new JsonObject { ["level"] = Level });

    private protected override Stream CreateStream(Stream output, ZLibCompressionOptions options) => new GZipStream(output, options, leaveOpen: true);

    private protected override Stream CreateDecompressionStream(Stream input) => new GZipStream(input, CompressionMode.Decompress);

    private protected override void CheckTrailer(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> decoded) => DeflateTrailer.CheckGzip(encoded, decoded);
}
