namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>The inner compressors c-blosc 1.x offers, by their <c>cname</c>.</summary>
public enum BloscCompressor
{
    BloscLz,
    Lz4,
    Lz4Hc,
    Snappy,
    Zlib,
    Zstd,
}
