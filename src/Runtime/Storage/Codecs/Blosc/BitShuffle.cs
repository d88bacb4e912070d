using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// The bitshuffle library's layout as c-blosc uses it: bytes are first gathered into planes (byte shuffle), then
/// each plane of n bytes becomes 8 rows of n/8 bytes, row k holding bit k of every byte, least significant first.
/// It applies only when the element count is a multiple of 8; otherwise the block is stored as is.
/// </summary>
/// <remarks>
/// A plane's 8 rows are an 8-byte-element byte shuffle of 8x8 bit matrices: transposing the bits of every
/// 8-byte word, then byte-shuffling with item size 8, produces the rows; both steps are vectorised.
/// </remarks>
internal static class BitShuffle
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
        TransposeWords(scratch[..whole]);
        for (int plane = 0; plane < typeSize; plane++)
        {
            ByteShuffle.Shuffle(8, scratch.Slice(plane * count, count), destination.Slice(plane * count, count));
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
            ByteShuffle.Unshuffle(8, source.Slice(plane * count, count), scratch.Slice(plane * count, count));
        }

        TransposeWords(scratch[..whole]);
        ByteShuffle.Unshuffle(typeSize, scratch[..whole], destination);
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>Applies <see cref="TransposeBits"/> to every 8-byte word of <paramref name="data"/> in place.</summary>
    private static void TransposeWords(Span<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + Vector512<ulong>.Count <= words.Length; i += Vector512<ulong>.Count)
            {
                var x = Vector512.LoadUnsafe(ref words[i]);
                var t = (x ^ (x >> 7)) & Vector512.Create(0x00AA00AA00AA00AAUL);
                x ^= t ^ (t << 7);
                t = (x ^ (x >> 14)) & Vector512.Create(0x0000CCCC0000CCCCUL);
                x ^= t ^ (t << 14);
                t = (x ^ (x >> 28)) & Vector512.Create(0x00000000F0F0F0F0UL);
                x ^= t ^ (t << 28);
                x.StoreUnsafe(ref words[i]);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<ulong>.Count <= words.Length; i += Vector256<ulong>.Count)
            {
                var x = Vector256.LoadUnsafe(ref words[i]);
                var t = (x ^ (x >> 7)) & Vector256.Create(0x00AA00AA00AA00AAUL);
                x ^= t ^ (t << 7);
                t = (x ^ (x >> 14)) & Vector256.Create(0x0000CCCC0000CCCCUL);
                x ^= t ^ (t << 14);
                t = (x ^ (x >> 28)) & Vector256.Create(0x00000000F0F0F0F0UL);
                x ^= t ^ (t << 28);
                x.StoreUnsafe(ref words[i]);
            }
        }

        for (; i < words.Length; i++)
        {
            words[i] = TransposeBits(words[i]);
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
