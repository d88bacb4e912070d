using System.Buffers.Binary;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// Writes c-blosc 1.x frames the way c-blosc does: its block size choice, forward-compatible splitting into
/// per-byte streams, raw streams where compression does not shrink them, and a plain copy of the whole buffer
/// (the memcpyed flag) for clevel 0, tiny inputs, or when the compressed frame would outgrow the input.
/// </summary>
internal static class BloscEncoder
{
    public static RentedBuffer Encode(
        ReadOnlySpan<byte> source, BloscCompressor compressor, int clevel, BloscShuffle shuffle, int typeSize, int forcedBlockSize)
    {
        if (source.Length > BloscHeader.MaxBufferSize)
        {
            throw new CodecException($"blosc: {source.Length} bytes exceed the c-blosc 1.x buffer limit of {BloscHeader.MaxBufferSize}");
        }

        if (typeSize > BloscHeader.MaxTypeSize)
        {
            typeSize = 1;
        }

        int nbytes = source.Length;
        int blockSize = BloscBlockSize.Compute(compressor, clevel, typeSize, nbytes, forcedBlockSize);
        bool split = BloscBlockSize.SplitsBlocks(compressor, typeSize, blockSize);
        var flags = shuffle switch
        {
            BloscShuffle.Shuffle => BloscFlags.ByteShuffle,
            BloscShuffle.BitShuffle => BloscFlags.BitShuffle,
            _ => BloscFlags.None,
        };
        if (!split)
        {
            flags |= BloscFlags.DontSplit;
        }

        // Like numcodecs, the frame may not exceed the input plus the header.
        int capacity = nbytes + BloscHeader.Size;
        var result = RentedBuffer.Rent(capacity);
        try
        {
            int written = clevel == 0 || nbytes < BloscHeader.MinBufferSize
                ? 0
                : CompressBlocks(source, result.Array.AsSpan(0, capacity), compressor, clevel, flags, typeSize, blockSize);
            if (written == 0)
            {
                flags |= BloscFlags.Memcpyed;
                source.CopyTo(result.Array.AsSpan(BloscHeader.Size));
                written = capacity;
            }

            new BloscHeader((byte)flags, typeSize, nbytes, blockSize, written).Write(result.Array, compressor.Format());
            return result.WithLength(written);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Writes block offsets and streams after the header; returns the frame size, or 0 when it does not fit.</summary>
    private static int CompressBlocks(
        ReadOnlySpan<byte> source, Span<byte> frame, BloscCompressor compressor, int clevel, BloscFlags flags, int typeSize, int blockSize)
    {
        int nbytes = source.Length;
        int blockCount = (int)(((long)nbytes + blockSize - 1) / blockSize);
        int position = BloscHeader.Size + 4 * blockCount;
        if (position > frame.Length)
        {
            return 0;
        }

        bool byteShuffle = (flags & BloscFlags.ByteShuffle) != 0 && typeSize > 1;
        bool bitShuffle = (flags & BloscFlags.BitShuffle) != 0;
        byte[]? scratch = byteShuffle || bitShuffle ? ByteArrayPool.Rent(2 * blockSize) : null;
        try
        {
            for (int block = 0; block < blockCount; block++)
            {
                int offset = block * blockSize;
                int length = Math.Min(blockSize, nbytes - offset);
                bool leftover = length < blockSize;
                BinaryPrimitives.WriteInt32LittleEndian(frame[(BloscHeader.Size + 4 * block)..], position);

                var input = source.Slice(offset, length);
                if (byteShuffle)
                {
                    ByteShuffle.Shuffle(typeSize, input, scratch.AsSpan(0, length));
                    input = scratch.AsSpan(0, length);
                }
                else if (bitShuffle && length >= typeSize)
                {
                    BitShuffle.Shuffle(typeSize, input, scratch.AsSpan(0, length), scratch.AsSpan(blockSize, length));
                    input = scratch.AsSpan(0, length);
                }

                bool splitBlock = (flags & BloscFlags.DontSplit) == 0 && !leftover;
                int streams = splitBlock ? typeSize : 1;
                int streamLength = length / streams;
                for (int stream = 0; stream < streams; stream++)
                {
                    if (!TryWriteStream(compressor, clevel, input.Slice(stream * streamLength, streamLength), frame, ref position))
                    {
                        return 0;
                    }
                }
            }

            return position;
        }
        finally
        {
            if (scratch is not null)
            {
                ByteArrayPool.Return(scratch);
            }
        }
    }

    private static bool TryWriteStream(BloscCompressor compressor, int clevel, ReadOnlySpan<byte> stream, Span<byte> frame, ref int position)
    {
        int room = frame.Length - position - 4;
        if (room <= 0)
        {
            return false;
        }

        // A compressed stream must be strictly shorter than the raw one: equal lengths mean "stored".
        int limit = Math.Min(room, stream.Length - 1);
        int compressed = limit > 0 ? BloscStreams.Compress(compressor, clevel, stream, frame.Slice(position + 4, limit)) : 0;
        if (compressed <= 0)
        {
            if (stream.Length > room)
            {
                return false;
            }

            stream.CopyTo(frame[(position + 4)..]);
            compressed = stream.Length;
        }

        BinaryPrimitives.WriteInt32LittleEndian(frame[position..], compressed);
        position += 4 + compressed;
        return true;
    }
}
