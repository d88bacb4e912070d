using System.IO.Compression;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>Compresses and decompresses the individual streams inside Blosc blocks with the inner codec.</summary>
internal static unsafe class BloscStreams
{
    /// <summary>
    /// Compresses <paramref name="source"/> into at most <paramref name="destination"/>.Length bytes; returns the size,
    /// or 0 when it does not fit (the caller then stores the stream raw).
    /// </summary>
    public static int Compress(BloscCompressor compressor, int clevel, ReadOnlySpan<byte> source, Span<byte> destination) =>
        compressor switch
        {
            BloscCompressor.BloscLz => BloscLzEncoder.Encode(source, destination),
            BloscCompressor.Lz4 => Lz4FastEncoder.Encode(source, destination, Lz4FastEncoder.Acceleration(clevel)),
            BloscCompressor.Lz4Hc => Math.Max(LZ4Codec.Encode(source, destination, Lz4HcLevel(clevel)), 0),
            BloscCompressor.Zlib => CompressZlib(clevel, source, destination),
            BloscCompressor.Zstd => CompressZstd(clevel, source, destination),
            _ => SnappyEncoder.Encode(source, destination),
        };

    /// <summary>Decompresses one stream; returns the decoded size or -1 when the stream is corrupt.</summary>
    public static int Decompress(BloscFormat format, ReadOnlySpan<byte> source, Span<byte> destination) =>
        format switch
        {
            BloscFormat.BloscLz => BloscLzDecoder.Decode(source, destination),
            BloscFormat.Lz4 => LZ4Codec.Decode(source, destination),
            BloscFormat.Zlib => DecompressZlib(source, destination),
            BloscFormat.Zstd => DecompressZstd(source, destination),
            BloscFormat.Snappy => SnappyDecoder.Decode(source, destination),
            _ => -1,
        };

    /// <summary>c-blosc passes clevel straight to LZ4HC, whose levels start at 3.</summary>
    private static LZ4Level Lz4HcLevel(int clevel) => (LZ4Level)Math.Clamp(clevel, (int)LZ4Level.L03_HC, (int)LZ4Level.L12_MAX);

    private static int CompressZlib(int clevel, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var output = new RentedBufferStream(destination.Length + 64);
        using (var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = clevel }, leaveOpen: true))
        {
            zlib.Write(source);
        }

        using var encoded = output.Detach();
        if (encoded.Length > destination.Length)
        {
            return 0;
        }

        encoded.Span.CopyTo(destination);
        return encoded.Length;
    }

    private static int DecompressZlib(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* pointer = source)
        {
            using var input = new UnmanagedMemoryStream(pointer, source.Length);
            try
            {
                using var zlib = new ZLibStream(input, CompressionMode.Decompress);
                int filled = zlib.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
                return filled == destination.Length && zlib.ReadByte() >= 0 ? -1 : filled;
            }
            catch (InvalidDataException)
            {
                return -1;
            }
        }
    }

    /// <summary>c-blosc maps clevel 1-8 to zstd levels 1, 3, ..., 15 and 9 to the maximum.</summary>
    private static int CompressZstd(int clevel, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int level = clevel < 9 ? clevel * 2 - 1 : Compressor.MaxCompressionLevel;
        if (NativeZstd.Enabled)
        {
            return Math.Max(0, NativeZstd.Compress(level, checksum: false, source, destination));
        }

        var compressor = ZstdContexts.Compressor(level, checksum: false);
        return compressor.TryWrap(source, destination, out int written) ? written : 0;
    }

    private static int DecompressZstd(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        try
        {
            return ZstdContexts.Decompressor().Unwrap(source, destination);
        }
        catch (ZstdException)
        {
            return -1;
        }
    }
}
