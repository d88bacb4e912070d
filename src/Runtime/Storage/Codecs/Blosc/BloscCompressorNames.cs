namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>Names and header codes of <see cref="BloscCompressor"/>.</summary>
public static class BloscCompressorNames
{
    /// <summary>The <c>cname</c> string written in metadata.</summary>
    public static string Name(this BloscCompressor compressor) => compressor switch
    {
        BloscCompressor.BloscLz => "blosclz",
        BloscCompressor.Lz4 => "lz4",
        BloscCompressor.Lz4Hc => "lz4hc",
        BloscCompressor.Snappy => "snappy",
        BloscCompressor.Zlib => "zlib",
        _ => "zstd",
    };

    public static BloscCompressor Parse(string cname) => cname switch
    {
        "blosclz" => BloscCompressor.BloscLz,
        "lz4" => BloscCompressor.Lz4,
        "lz4hc" => BloscCompressor.Lz4Hc,
        "snappy" => BloscCompressor.Snappy,
        "zlib" => BloscCompressor.Zlib,
        "zstd" => BloscCompressor.Zstd,
        _ => throw new UnknownCodecException($"blosc/{cname}"),
    };

    /// <summary>The stream format stored in header flag bits 5-7; lz4hc writes plain LZ4 blocks.</summary>
    internal static BloscFormat Format(this BloscCompressor compressor) => compressor switch
    {
        BloscCompressor.BloscLz => BloscFormat.BloscLz,
        BloscCompressor.Lz4 or BloscCompressor.Lz4Hc => BloscFormat.Lz4,
        BloscCompressor.Snappy => BloscFormat.Snappy,
        BloscCompressor.Zlib => BloscFormat.Zlib,
        _ => BloscFormat.Zstd,
    };

    /// <summary>The high-ratio codecs, for which c-blosc doubles the automatic block size.</summary>
    internal static bool IsHighRatio(this BloscCompressor compressor) =>
        compressor is BloscCompressor.Lz4Hc or BloscCompressor.Zlib or BloscCompressor.Zstd;
}
