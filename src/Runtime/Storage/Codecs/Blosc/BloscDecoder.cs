using System.Buffers.Binary;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>Decodes c-blosc 1.x frames of any inner codec, split mode and shuffle, one block after another.</summary>
internal static class BloscDecoder
{
    /// <summary>The uncompressed size recorded in a frame's header.</summary>
    public static int DecodedSize(ReadOnlySpan<byte> source) => BloscHeader.Read(source).UncompressedSize;

    public static void Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var header = BloscHeader.Read(source);
        if (destination.Length != header.UncompressedSize)
        {
            throw new CodecException($"blosc: frame holds {header.UncompressedSize} bytes but {destination.Length} are expected");
        }

        if (header.UncompressedSize == 0)
        {
            return;
        }

        source = source[..header.CompressedSize];
        if (header.IsMemcpyed)
        {
            source.Slice(BloscHeader.Size, header.UncompressedSize).CopyTo(destination);
            return;
        }

        int typeSize = header.TypeSize;
        int blockSize = header.BlockSize;
        bool shuffled = (header.ByteShuffled && typeSize > 1) || header.BitShuffled;
        byte[]? scratch = shuffled ? ByteArrayPool.Rent(2 * blockSize) : null;
        try
        {
            int blockCount = header.BlockCount;
            int firstStream = BloscHeader.Size + 4 * blockCount;
            for (int block = 0; block < blockCount; block++)
            {
                int offset = block * blockSize;
                int length = Math.Min(blockSize, header.UncompressedSize - offset);
                int start = BlockStart(source, block, firstStream);

                var output = destination.Slice(offset, length);
                bool doBitShuffle = header.BitShuffled && length >= typeSize;
                bool doByteShuffle = header.ByteShuffled && typeSize > 1;
                if (!doByteShuffle && !doBitShuffle)
                {
                    DecodeStreams(header, block, source[start..], output, length < blockSize);
                    continue;
                }

                var shuffledBlock = scratch.AsSpan(0, length);
                DecodeStreams(header, block, source[start..], shuffledBlock, length < blockSize);
                if (doByteShuffle)
                {
                    ByteShuffle.Unshuffle(typeSize, shuffledBlock, output);
                }
                else
                {
                    BitShuffle.Unshuffle(typeSize, shuffledBlock, output, scratch.AsSpan(blockSize, length));
                }
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ByteArrayPool.Return(scratch);
            }
        }
    }

    /// <summary>
    /// Decodes a byte-shuffled frame block by block into a small buffer and unshuffles the parts of <paramref name="rows"/>
    /// each block holds straight into <paramref name="destination"/>: no decoded chunk is written and copied again, and
    /// blocks holding none of the rows are not decoded. A frame stored uncompressed gives its rows as they are. False,
    /// having written nothing, for frames whose elements are not shuffled whole with the rows' element size.
    /// </summary>
    public static bool TryDecodeRows(ReadOnlySpan<byte> source, ChunkRows rows, Span<byte> destination)
    {
        var header = BloscHeader.Read(source);
        if (header.UncompressedSize != rows.ChunkBytes)
        {
            throw new CodecException($"blosc: frame holds {header.UncompressedSize} bytes but {rows.ChunkBytes} are expected");
        }

        source = source[..header.CompressedSize];
        if (header.IsMemcpyed)
        {
            // Stored as they are (blosc found nothing to gain): the rows are copied out of the frame.
            var stored = source.Slice(BloscHeader.Size, header.UncompressedSize);
            rows.Reset();
            while (rows.Current(out long inChunk, out long inRegion))
            {
                stored.Slice((int)inChunk, (int)rows.RowBytes).CopyTo(destination[(int)inRegion..]);
                rows.MoveNext();
            }

            return true;
        }

        int typeSize = header.TypeSize;
        if (!header.ByteShuffled || header.BitShuffled || typeSize < 2 || typeSize != rows.ElementSize || header.BlockSize % typeSize != 0)
        {
            return false;
        }

        int blockSize = header.BlockSize;
        byte[] scratch = ByteArrayPool.Rent(blockSize);
        try
        {
            rows.Reset();
            bool more = rows.Current(out long rowInChunk, out long rowInRegion);
            long placed = 0;
            int firstStream = BloscHeader.Size + 4 * header.BlockCount;
            for (int block = 0; more && block < header.BlockCount; block++)
            {
                int offset = block * blockSize;
                int length = Math.Min(blockSize, header.UncompressedSize - offset);
                if (rowInChunk + placed >= offset + length)
                {
                    continue;
                }

                int start = BlockStart(source, block, firstStream);

                var shuffled = scratch.AsSpan(0, length);
                DecodeStreams(header, block, source[start..], shuffled, length < blockSize);
                while (more && rowInChunk + placed < offset + length)
                {
                    long from = rowInChunk + placed;
                    long to = Math.Min(rowInChunk + rows.RowBytes, offset + length);
                    ByteShuffle.UnshuffleRange(
                        typeSize, shuffled, (int)((from - offset) / typeSize), (int)((to - from) / typeSize),
                        destination.Slice((int)(rowInRegion + placed), (int)(to - from)));
                    placed += to - from;
                    if (placed == rows.RowBytes)
                    {
                        rows.MoveNext();
                        placed = 0;
                        more = rows.Current(out rowInChunk, out rowInRegion);
                    }
                }
            }
        }
        finally
        {
            ByteArrayPool.Return(scratch);
        }

        return true;
    }

    /// <summary>Where block <paramref name="block"/>'s streams start in the frame, checked to lie inside it.</summary>
    private static int BlockStart(ReadOnlySpan<byte> frame, int block, int firstStream)
    {
        int start = BinaryPrimitives.ReadInt32LittleEndian(frame[(BloscHeader.Size + 4 * block)..]);
        if (start < firstStream || start >= frame.Length)
        {
            throw new CodecException($"blosc: block {block} starts at {start}, outside the {frame.Length}-byte frame");
        }

        return start;
    }

    private static void DecodeStreams(BloscHeader header, int block, ReadOnlySpan<byte> input, Span<byte> output, bool leftover)
    {
        int streams = BloscHeader.IsSplit(header.DontSplit, header.TypeSize, header.BlockSize, leftover) ? header.TypeSize : 1;
        int streamLength = output.Length / streams;
        int position = 0;
        for (int stream = 0; stream < streams; stream++)
        {
            if (position + 4 > input.Length)
            {
                throw new CodecException($"blosc: block {block} stream {stream} is truncated");
            }

            int compressed = BinaryPrimitives.ReadInt32LittleEndian(input[position..]);
            position += 4;
            if (compressed < 0 || compressed > input.Length - position)
            {
                throw new CodecException($"blosc: block {block} stream {stream} claims {compressed} bytes, beyond the frame end");
            }

            var encoded = input.Slice(position, compressed);
            var decoded = output.Slice(stream * streamLength, streamLength);
            if (compressed == streamLength)
            {
                encoded.CopyTo(decoded);
            }
            else
            {
                int written = BloscStreams.Decompress(header.Format, encoded, decoded);
                if (written != streamLength)
                {
                    throw new CodecException(
                        $"blosc: block {block} stream {stream} ({header.Format}) is corrupt: decoded {written} of {streamLength} bytes");
                }
            }

            position += compressed;
        }
    }
}
