using System.Buffers.Binary;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>The 16-byte header that starts every c-blosc 1.x buffer.</summary>
internal readonly struct BloscHeader
{
    public const int Size = 16;
    public const byte FormatVersion = 2;
    public const byte CodecVersion = 1;
    public const int MaxTypeSize = 255;
    public const int MaxBlockSize = 536866816;
    public const int MaxBufferSize = int.MaxValue - Size;

    /// <summary>Splitting a block into per-byte streams needs at most this many streams ...</summary>
    public const int MaxSplits = 16;

    /// <summary>... and at least this many elements per stream; also the size below which buffers are copied.</summary>
    public const int MinBufferSize = 128;

    public BloscHeader(byte flags, int typeSize, int uncompressedSize, int blockSize, int compressedSize)
    {
        Flags = flags;
        TypeSize = typeSize;
        UncompressedSize = uncompressedSize;
        BlockSize = blockSize;
        CompressedSize = compressedSize;
    }

    public byte Flags { get; }

    public int TypeSize { get; }

    public int UncompressedSize { get; }

    public int BlockSize { get; }

    public int CompressedSize { get; }

    public bool IsMemcpyed => (Flags & (byte)BloscFlags.Memcpyed) != 0;

    public bool ByteShuffled => (Flags & (byte)BloscFlags.ByteShuffle) != 0;

    public bool BitShuffled => (Flags & (byte)BloscFlags.BitShuffle) != 0;

    public bool DontSplit => (Flags & (byte)BloscFlags.DontSplit) != 0;

    public BloscFormat Format => (BloscFormat)(Flags >> 5);

    public int BlockCount => UncompressedSize == 0 ? 0 : (int)(((long)UncompressedSize + BlockSize - 1) / BlockSize);

    /// <summary>The reader's rule for whether a block is stored as <see cref="TypeSize"/> separate streams.</summary>
    public static bool IsSplit(bool dontSplit, int typeSize, int blockSize, bool leftoverBlock) =>
        !dontSplit && !leftoverBlock && typeSize <= MaxSplits && blockSize / typeSize >= MinBufferSize;

    /// <summary>Reads and validates a header, naming what is wrong when the buffer is not a c-blosc 1.x frame.</summary>
    public static BloscHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new CodecException($"blosc: {source.Length} bytes is too short for the 16-byte header");
        }

        byte version = source[0];
        if (version != FormatVersion)
        {
            // A Blosc2 chunk has header version 3 to 5 and states its own length where c-blosc 1.x does.
            bool blosc2 = version is >= 3 and <= 5 && BinaryPrimitives.ReadInt32LittleEndian(source[12..]) == source.Length;
            throw new CodecException(blosc2
                ? $"blosc: a Blosc2 frame (header version {version}); only c-blosc 1.x frames (version 2) are supported"
                : $"blosc: not a Blosc frame (its first byte, the header version, is {version}; c-blosc 1.x frames start with 2)");
        }

        byte flags = source[2];
        int typeSize = source[3];
        int uncompressed = BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        int blockSize = BinaryPrimitives.ReadInt32LittleEndian(source[8..]);
        int compressed = BinaryPrimitives.ReadInt32LittleEndian(source[12..]);
        var header = new BloscHeader(flags, typeSize, uncompressed, blockSize, compressed);

        if ((flags & (byte)BloscFlags.Reserved) != 0)
        {
            throw new CodecException($"blosc: reserved header flag bit 3 is set (flags 0x{flags:x2})");
        }

        if (uncompressed < 0 || compressed < Size)
        {
            throw new CodecException($"blosc: invalid sizes in header (nbytes {uncompressed}, cbytes {compressed})");
        }

        if (compressed > source.Length)
        {
            throw new CodecException($"blosc: header says {compressed} compressed bytes but only {source.Length} are present (truncated)");
        }

        // c-blosc never writes a block larger than the buffer; refusing one also bounds the scratch memory.
        if (uncompressed > 0 && (typeSize == 0 || blockSize <= 0 || blockSize > MaxBlockSize || blockSize > uncompressed))
        {
            throw new CodecException($"blosc: invalid header (typesize {typeSize}, blocksize {blockSize})");
        }

        if (header.IsMemcpyed)
        {
            if ((long)uncompressed + Size != compressed)
            {
                throw new CodecException($"blosc: copied buffer must be {uncompressed + (long)Size} bytes but header says {compressed}");
            }
        }
        else if ((int)header.Format > (int)BloscFormat.Zstd)
        {
            throw new CodecException($"blosc: unknown compressor format {(int)header.Format} in header flags 0x{flags:x2}");
        }
        else if (header.BlockCount > (compressed - Size) / 4)
        {
            throw new CodecException($"blosc: {header.BlockCount} block offsets do not fit in {compressed} compressed bytes");
        }

        return header;
    }

    public void Write(Span<byte> destination, BloscFormat format)
    {
        destination[0] = FormatVersion;
        destination[1] = CodecVersion;
        destination[2] = (byte)(Flags | ((int)format << 5));
        destination[3] = (byte)TypeSize;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], UncompressedSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], BlockSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], CompressedSize);
    }
}
