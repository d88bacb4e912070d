namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>The stream format code in bits 5-7 of a Blosc 1 header's flags.</summary>
internal enum BloscFormat
{
    BloscLz = 0,
    Lz4 = 1,
    Snappy = 2,
    Zlib = 3,
    Zstd = 4,
}
