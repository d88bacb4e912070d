using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// zstd contexts are expensive to create and not thread-safe, so each thread keeps one of each;
/// the compressor is rebuilt only when a different level or checksum setting is asked for.
/// </summary>
internal static class ZstdContexts
{
    [ThreadStatic]
    private static Decompressor? t_decompressor;

    [ThreadStatic]
    private static Compressor? t_compressor;

    [ThreadStatic]
    private static (int Level, bool Checksum) t_compressorSettings;

    public static Decompressor Decompressor() => t_decompressor ??= new Decompressor();

    public static Compressor Compressor(int level, bool checksum)
    {
        if (t_compressor is null || t_compressorSettings != (level, checksum))
        {
            t_compressor?.Dispose();
            int clamped = Math.Min(level, ZstdSharp.Compressor.MaxCompressionLevel);
            var compressor = new Compressor(clamped);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, checksum ? 1 : 0);
            t_compressor = compressor;
            t_compressorSettings = (level, checksum);
        }

        return t_compressor;
    }
}
