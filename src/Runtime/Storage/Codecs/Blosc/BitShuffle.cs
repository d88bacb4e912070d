using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// The bitshuffle library's layout as c-blosc uses it: bytes are first gathered into planes (byte shuffle), then
/// each plane of n bytes becomes 8 rows of n/8 bytes, row k holding bit k of every byte, least significant first.
/// It applies only when the element count is a multiple of 8; otherwise the block is stored as is.
/// </summary>
internal static unsafe class BitShuffle
{
    /// <summary>Bit-shuffles <paramref name="source"/> into <paramref name="destination"/>; <paramref name="scratch"/> needs the same length.</summary>
    public static void Shuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> scratch)
    {
        int count = source.Length / typeSize;
        if (count % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }

        int whole = count * typeSize;
        ByteShuffle.Shuffle(typeSize, source[..whole], scratch);
        for (int plane = 0; plane < typeSize; plane++)
        {
            BytesToBitRows(scratch.Slice(plane * count, count), destination.Slice(plane * count, count));
        }

        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>Reverses <see cref="Shuffle"/>.</summary>
    public static void Unshuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> scratch)
    {
        int count = source.Length / typeSize;
        if (count % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }

        int whole = count * typeSize;
        for (int plane = 0; plane < typeSize; plane++)
        {
            BitRowsToBytes(source.Slice(plane * count, count), scratch.Slice(plane * count, count));
        }

        ByteShuffle.Unshuffle(typeSize, scratch[..whole], destination);
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>Row k of the output (length/8 bytes) gets bit k of each input byte; input byte 8m+r lands in bit r of row byte m.</summary>
    private static void BytesToBitRows(ReadOnlySpan<byte> bytes, Span<byte> rows)
    {
        int rowLength = bytes.Length / 8;
        fixed (byte* src = bytes)
        fixed (byte* dst = rows)
        {
            int m = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // 32 input bytes give one 32-bit mask per bit position: 4 bytes of each row.
                for (; m + 4 <= rowLength; m += 4)
                {
                    var v = Vector256.Load(src + m * 8).AsUInt16();
                    for (int k = 0; k < 8; k++)
                    {
                        uint mask = Vector256.ExtractMostSignificantBits((v << (7 - k)).AsByte());
                        *(uint*)(dst + k * rowLength + m) = mask;
                    }
                }
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                for (; m + 2 <= rowLength; m += 2)
                {
                    var v = Vector128.Load(src + m * 8).AsUInt16();
                    for (int k = 0; k < 8; k++)
                    {
                        uint mask = Vector128.ExtractMostSignificantBits((v << (7 - k)).AsByte());
                        *(ushort*)(dst + k * rowLength + m) = (ushort)mask;
                    }
                }
            }

            for (; m < rowLength; m++)
            {
                ulong x = TransposeBits(*(ulong*)(src + m * 8));
                for (int k = 0; k < 8; k++)
                {
                    dst[k * rowLength + m] = (byte)(x >> (8 * k));
                }
            }
        }
    }

    private static void BitRowsToBytes(ReadOnlySpan<byte> rows, Span<byte> bytes)
    {
        int rowLength = rows.Length / 8;
        fixed (byte* src = rows)
        fixed (byte* dst = bytes)
        {
            int m = 0;
            if (Avx2.IsSupported)
            {
                // Broadcast 4 row bytes, spread byte b of them over output bytes 8b..8b+7, then test one bit per byte.
                var spread = Vector256.Create(
                    (byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
                    2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
                var bitOfByte = Vector256.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
                    1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
                for (; m + 4 <= rowLength; m += 4)
                {
                    var result = Vector256<byte>.Zero;
                    for (int k = 0; k < 8; k++)
                    {
                        var row = Vector256.Create(*(uint*)(src + k * rowLength + m)).AsByte();
                        var set = Vector256.Equals(Avx2.Shuffle(row, spread) & bitOfByte, bitOfByte);
                        result |= set & Vector256.Create((byte)(1 << k));
                    }

                    result.Store(dst + m * 8);
                }
            }

            for (; m < rowLength; m++)
            {
                ulong gathered = 0;
                for (int k = 0; k < 8; k++)
                {
                    gathered |= (ulong)src[k * rowLength + m] << (8 * k);
                }

                BinaryPrimitives.WriteUInt64LittleEndian(new Span<byte>(dst + m * 8, 8), TransposeBits(gathered));
            }
        }
    }

    /// <summary>Transposes the 8x8 bit matrix whose row r is byte r: output byte c bit r = input byte r bit c.</summary>
    internal static ulong TransposeBits(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        x ^= t ^ (t << 28);
        return x;
    }
}
