using System.Runtime.InteropServices;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// The system's libzstd, where it loads (Linux): it compresses 1.5× (level 9, blosc's default) to 4.9× (level 3)
/// faster than the managed port, and it is the library numcodecs and c-blosc use on Linux distributions, so chunks
/// come out byte for byte as zarr-python writes them there. Elsewhere the managed port compresses; both write standard
/// frames that either decodes. Decompression stays managed: libzstd decompressed the same frames only 1.09–1.16× as fast.
/// </summary>
internal static unsafe partial class NativeZstd
{
    private const string Library = "libzstd.so.1";
    private const int CompressionLevelParameter = 100;
    private const int ChecksumFlagParameter = 201;
    private const int ResetSessionAndParameters = 3;

    // 1.4.0 introduced ZSTD_compress2 and the parameter API.
    private const uint OldestVersion = 10400;

    [ThreadStatic]
    private static Context? t_context;

    /// <summary>Whether compression goes through libzstd; tests turn it off to compare with the managed port.</summary>
    public static bool Enabled { get; set; } = Probe();

    /// <summary>
    /// One frame of <paramref name="source"/> at <paramref name="level"/> into <paramref name="destination"/>: the
    /// bytes written, or -1 when they do not fit.
    /// </summary>
    public static int Compress(int level, bool checksum, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var context = t_context ??= new Context();
        Check(ZSTD_CCtx_reset(context.Handle, ResetSessionAndParameters));
        Check(ZSTD_CCtx_setParameter(context.Handle, CompressionLevelParameter, Math.Min(level, ZSTD_maxCLevel())));
        Check(ZSTD_CCtx_setParameter(context.Handle, ChecksumFlagParameter, checksum ? 1 : 0));
        nuint written;
        fixed (byte* target = destination)
        fixed (byte* input = source)
        {
            written = ZSTD_compress2(context.Handle, target, (nuint)destination.Length, input, (nuint)source.Length);
        }

        if (ZSTD_isError(written) == 0)
        {
            return (int)written;
        }

        // ZSTD_error_dstSize_tooSmall is 70: the frame does not fit; anything else is a failure of the library.
        return ZSTD_getErrorCode(written) == 70 ? -1 : throw Failure(written);
    }

    private static bool Probe()
    {
        try
        {
            return OperatingSystem.IsLinux() && NativeLibrary.TryLoad(Library, out _) && ZSTD_versionNumber() >= OldestVersion;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static void Check(nuint result)
    {
        if (ZSTD_isError(result) != 0)
        {
            throw Failure(result);
        }
    }

    private static CodecException Failure(nuint result) =>
        new($"zstd: compression failed ({Marshal.PtrToStringUTF8(ZSTD_getErrorName(result))})");

    [LibraryImport(Library)]
    private static partial uint ZSTD_versionNumber();

    [LibraryImport(Library)]
    private static partial int ZSTD_maxCLevel();

    [LibraryImport(Library)]
    private static partial nint ZSTD_createCCtx();

    [LibraryImport(Library)]
    private static partial nuint ZSTD_freeCCtx(nint context);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_CCtx_reset(nint context, int reset);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_CCtx_setParameter(nint context, int parameter, int value);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_compress2(nint context, byte* destination, nuint capacity, byte* source, nuint length);

    [LibraryImport(Library)]
    private static partial uint ZSTD_isError(nuint result);

    [LibraryImport(Library)]
    private static partial int ZSTD_getErrorCode(nuint result);

    [LibraryImport(Library)]
    private static partial nint ZSTD_getErrorName(nuint result);

    /// <summary>A thread's compression context, freed when the thread is gone and the collector finds it unreachable.</summary>
    private sealed class Context
    {
        public nint Handle { get; } = ZSTD_createCCtx();

        ~Context() => ZSTD_freeCCtx(Handle);
    }
}
