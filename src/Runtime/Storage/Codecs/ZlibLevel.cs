using System.IO.Compression;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>zlib compression levels as numcodecs accepts them: 0-9, or -1 for the library default.</summary>
internal static class ZlibLevel
{
    public static int Validate(string codecId, int level) =>
        level is >= -1 and <= 9
            ? level
            : throw new CodecException($"codec '{codecId}': level must be between -1 and 9, got {level}");

    public static ZLibCompressionOptions Options(int level) => new() { CompressionLevel = level < 0 ? 6 : level };
}
