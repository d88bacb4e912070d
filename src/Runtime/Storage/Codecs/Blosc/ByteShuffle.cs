using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// Blosc's byte shuffle: byte j of every element is gathered into plane j; the bytes after the last whole
/// element stay in place. Item sizes 2, 4 and 8 use SSE2/SSSE3 transposes of 16 elements at a time.
/// </summary>
internal static unsafe class ByteShuffle
{
    private const int VectorElements = 16;

    /// <summary>Element-interleaved <paramref name="source"/> into planes in <paramref name="destination"/> (same length).</summary>
    public static void Shuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int count = source.Length / typeSize;
        int whole = count * typeSize;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            int done = Ssse3.IsSupported ? typeSize switch
            {
                2 => Shuffle2(src, dst, count),
                4 => Shuffle4(src, dst, count),
                8 => Shuffle8(src, dst, count),
                _ => 0,
            } : 0;
            ShuffleScalar(src, dst, typeSize, count, done);
        }

        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>Planes in <paramref name="source"/> back to interleaved elements in <paramref name="destination"/>.</summary>
    public static void Unshuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int count = source.Length / typeSize;
        int whole = count * typeSize;
        UnshuffleRange(typeSize, source, 0, count, destination);
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>
    /// Elements <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of a shuffled block
    /// (<paramref name="source"/>, whose planes are its length / <paramref name="typeSize"/> bytes long), interleaved into
    /// <paramref name="destination"/>: a read places the rows it wants straight into its region.
    /// </summary>
    public static void UnshuffleRange(int typeSize, ReadOnlySpan<byte> source, int first, int count, Span<byte> destination)
    {
        int stride = source.Length / typeSize;
        if (first < 0 || count < 0 || first + count > stride || destination.Length < count * typeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "the elements reach beyond the block or the destination");
        }

        fixed (byte* block = source)
        fixed (byte* dst = destination)
        {
            byte* src = block + first;
            int done = Avx2.IsSupported ? ByteUnshuffleAvx2.Unshuffle(typeSize, src, dst, count, stride) : 0;
            if (Sse2.IsSupported && done < count)
            {
                done += typeSize switch
                {
                    2 => Unshuffle2(src + done, dst + done * 2, count - done, stride),
                    4 => Unshuffle4(src + done, dst + done * 4, count - done, stride),
                    8 => Unshuffle8(src + done, dst + done * 8, count - done, stride),
                    _ => 0,
                };
            }

            UnshuffleScalar(src, dst, typeSize, count, done, stride);
        }
    }

    private static void ShuffleScalar(byte* src, byte* dst, int typeSize, int count, int start)
    {
        for (int j = 0; j < typeSize; j++)
        {
            byte* plane = dst + (long)j * count;
            byte* from = src + j;
            for (int i = start; i < count; i++)
            {
                plane[i] = from[(long)i * typeSize];
            }
        }
    }

    private static void UnshuffleScalar(byte* src, byte* dst, int typeSize, int count, int start, int stride)
    {
        for (int j = 0; j < typeSize; j++)
        {
            byte* plane = src + (long)j * stride;
            byte* to = dst + j;
            for (int i = start; i < count; i++)
            {
                to[(long)i * typeSize] = plane[i];
            }
        }
    }

    /// <summary>The SSE2 unshuffles handle <paramref name="count"/> elements of planes that are <paramref name="stride"/> bytes long.</summary>
    private static int Unshuffle2(byte* src, byte* dst, int count, int stride)
    {
        int end = count - count % VectorElements;
        byte* p1 = src + stride;
        for (int i = 0; i < end; i += VectorElements)
        {
            var a = Sse2.LoadVector128(src + i);
            var b = Sse2.LoadVector128(p1 + i);
            byte* o = dst + i * 2;
            Sse2.Store(o, Sse2.UnpackLow(a, b));
            Sse2.Store(o + 16, Sse2.UnpackHigh(a, b));
        }

        return end;
    }

    private static int Unshuffle4(byte* src, byte* dst, int count, int stride)
    {
        int end = count - count % VectorElements;
        byte* p1 = src + stride;
        byte* p2 = p1 + stride;
        byte* p3 = p2 + stride;
        for (int i = 0; i < end; i += VectorElements)
        {
            var a = Sse2.LoadVector128(src + i);
            var b = Sse2.LoadVector128(p1 + i);
            var c = Sse2.LoadVector128(p2 + i);
            var d = Sse2.LoadVector128(p3 + i);
            var abLow = Sse2.UnpackLow(a, b).AsUInt16();
            var abHigh = Sse2.UnpackHigh(a, b).AsUInt16();
            var cdLow = Sse2.UnpackLow(c, d).AsUInt16();
            var cdHigh = Sse2.UnpackHigh(c, d).AsUInt16();
            byte* o = dst + i * 4;
            Sse2.Store(o, Sse2.UnpackLow(abLow, cdLow).AsByte());
            Sse2.Store(o + 16, Sse2.UnpackHigh(abLow, cdLow).AsByte());
            Sse2.Store(o + 32, Sse2.UnpackLow(abHigh, cdHigh).AsByte());
            Sse2.Store(o + 48, Sse2.UnpackHigh(abHigh, cdHigh).AsByte());
        }

        return end;
    }

    private static int Unshuffle8(byte* src, byte* dst, int count, int stride)
    {
        int end = count - count % VectorElements;
        for (int i = 0; i < end; i += VectorElements)
        {
            byte* p = src + i;
            var a = Sse2.LoadVector128(p);
            var b = Sse2.LoadVector128(p + stride);
            var c = Sse2.LoadVector128(p + 2L * stride);
            var d = Sse2.LoadVector128(p + 3L * stride);
            var e = Sse2.LoadVector128(p + 4L * stride);
            var f = Sse2.LoadVector128(p + 5L * stride);
            var g = Sse2.LoadVector128(p + 6L * stride);
            var h = Sse2.LoadVector128(p + 7L * stride);

            // Bytes to 2-byte pairs, pairs to 4-byte quads, quads to 8-byte elements.
            var ab0 = Sse2.UnpackLow(a, b).AsUInt16();
            var ab1 = Sse2.UnpackHigh(a, b).AsUInt16();
            var cd0 = Sse2.UnpackLow(c, d).AsUInt16();
            var cd1 = Sse2.UnpackHigh(c, d).AsUInt16();
            var ef0 = Sse2.UnpackLow(e, f).AsUInt16();
            var ef1 = Sse2.UnpackHigh(e, f).AsUInt16();
            var gh0 = Sse2.UnpackLow(g, h).AsUInt16();
            var gh1 = Sse2.UnpackHigh(g, h).AsUInt16();

            var abcd0 = Sse2.UnpackLow(ab0, cd0).AsUInt32();
            var abcd1 = Sse2.UnpackHigh(ab0, cd0).AsUInt32();
            var abcd2 = Sse2.UnpackLow(ab1, cd1).AsUInt32();
            var abcd3 = Sse2.UnpackHigh(ab1, cd1).AsUInt32();
            var efgh0 = Sse2.UnpackLow(ef0, gh0).AsUInt32();
            var efgh1 = Sse2.UnpackHigh(ef0, gh0).AsUInt32();
            var efgh2 = Sse2.UnpackLow(ef1, gh1).AsUInt32();
            var efgh3 = Sse2.UnpackHigh(ef1, gh1).AsUInt32();

            byte* o = dst + i * 8;
            Sse2.Store(o, Sse2.UnpackLow(abcd0, efgh0).AsByte());
            Sse2.Store(o + 16, Sse2.UnpackHigh(abcd0, efgh0).AsByte());
            Sse2.Store(o + 32, Sse2.UnpackLow(abcd1, efgh1).AsByte());
            Sse2.Store(o + 48, Sse2.UnpackHigh(abcd1, efgh1).AsByte());
            Sse2.Store(o + 64, Sse2.UnpackLow(abcd2, efgh2).AsByte());
            Sse2.Store(o + 80, Sse2.UnpackHigh(abcd2, efgh2).AsByte());
            Sse2.Store(o + 96, Sse2.UnpackLow(abcd3, efgh3).AsByte());
            Sse2.Store(o + 112, Sse2.UnpackHigh(abcd3, efgh3).AsByte());
        }

        return end;
    }

    private static int Shuffle2(byte* src, byte* dst, int count)
    {
        int end = count - count % VectorElements;
        var gather = Vector128.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
        byte* p1 = dst + count;
        for (int i = 0; i < end; i += VectorElements)
        {
            byte* s = src + i * 2;
            var v0 = Ssse3.Shuffle(Sse2.LoadVector128(s), gather).AsUInt64();
            var v1 = Ssse3.Shuffle(Sse2.LoadVector128(s + 16), gather).AsUInt64();
            Sse2.Store(dst + i, Sse2.UnpackLow(v0, v1).AsByte());
            Sse2.Store(p1 + i, Sse2.UnpackHigh(v0, v1).AsByte());
        }

        return end;
    }

    private static int Shuffle4(byte* src, byte* dst, int count)
    {
        int end = count - count % VectorElements;
        var gather = Vector128.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
        for (int i = 0; i < end; i += VectorElements)
        {
            byte* s = src + i * 4;
            var v0 = Ssse3.Shuffle(Sse2.LoadVector128(s), gather).AsUInt32();
            var v1 = Ssse3.Shuffle(Sse2.LoadVector128(s + 16), gather).AsUInt32();
            var v2 = Ssse3.Shuffle(Sse2.LoadVector128(s + 32), gather).AsUInt32();
            var v3 = Ssse3.Shuffle(Sse2.LoadVector128(s + 48), gather).AsUInt32();
            var t0 = Sse2.UnpackLow(v0, v1).AsUInt64();
            var t1 = Sse2.UnpackHigh(v0, v1).AsUInt64();
            var t2 = Sse2.UnpackLow(v2, v3).AsUInt64();
            var t3 = Sse2.UnpackHigh(v2, v3).AsUInt64();
            byte* o = dst + i;
            Sse2.Store(o, Sse2.UnpackLow(t0, t2).AsByte());
            Sse2.Store(o + count, Sse2.UnpackHigh(t0, t2).AsByte());
            Sse2.Store(o + 2L * count, Sse2.UnpackLow(t1, t3).AsByte());
            Sse2.Store(o + 3L * count, Sse2.UnpackHigh(t1, t3).AsByte());
        }

        return end;
    }

    private static int Shuffle8(byte* src, byte* dst, int count)
    {
        int end = count - count % VectorElements;
        var gather = Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        for (int i = 0; i < end; i += VectorElements)
        {
            byte* s = src + i * 8;
            var v0 = Ssse3.Shuffle(Sse2.LoadVector128(s), gather).AsUInt16();
            var v1 = Ssse3.Shuffle(Sse2.LoadVector128(s + 16), gather).AsUInt16();
            var v2 = Ssse3.Shuffle(Sse2.LoadVector128(s + 32), gather).AsUInt16();
            var v3 = Ssse3.Shuffle(Sse2.LoadVector128(s + 48), gather).AsUInt16();
            var v4 = Ssse3.Shuffle(Sse2.LoadVector128(s + 64), gather).AsUInt16();
            var v5 = Ssse3.Shuffle(Sse2.LoadVector128(s + 80), gather).AsUInt16();
            var v6 = Ssse3.Shuffle(Sse2.LoadVector128(s + 96), gather).AsUInt16();
            var v7 = Ssse3.Shuffle(Sse2.LoadVector128(s + 112), gather).AsUInt16();

            // 8x8 transpose of 2-byte cells: cell k of vector r holds plane k of elements 2r and 2r+1.
            var s0 = Sse2.UnpackLow(v0, v1).AsUInt32();
            var s1 = Sse2.UnpackHigh(v0, v1).AsUInt32();
            var s2 = Sse2.UnpackLow(v2, v3).AsUInt32();
            var s3 = Sse2.UnpackHigh(v2, v3).AsUInt32();
            var s4 = Sse2.UnpackLow(v4, v5).AsUInt32();
            var s5 = Sse2.UnpackHigh(v4, v5).AsUInt32();
            var s6 = Sse2.UnpackLow(v6, v7).AsUInt32();
            var s7 = Sse2.UnpackHigh(v6, v7).AsUInt32();

            var u0 = Sse2.UnpackLow(s0, s2).AsUInt64();
            var u1 = Sse2.UnpackHigh(s0, s2).AsUInt64();
            var u2 = Sse2.UnpackLow(s1, s3).AsUInt64();
            var u3 = Sse2.UnpackHigh(s1, s3).AsUInt64();
            var w0 = Sse2.UnpackLow(s4, s6).AsUInt64();
            var w1 = Sse2.UnpackHigh(s4, s6).AsUInt64();
            var w2 = Sse2.UnpackLow(s5, s7).AsUInt64();
            var w3 = Sse2.UnpackHigh(s5, s7).AsUInt64();

            byte* o = dst + i;
            Sse2.Store(o, Sse2.UnpackLow(u0, w0).AsByte());
            Sse2.Store(o + count, Sse2.UnpackHigh(u0, w0).AsByte());
            Sse2.Store(o + 2L * count, Sse2.UnpackLow(u1, w1).AsByte());
            Sse2.Store(o + 3L * count, Sse2.UnpackHigh(u1, w1).AsByte());
            Sse2.Store(o + 4L * count, Sse2.UnpackLow(u2, w2).AsByte());
            Sse2.Store(o + 5L * count, Sse2.UnpackHigh(u2, w2).AsByte());
            Sse2.Store(o + 6L * count, Sse2.UnpackLow(u3, w3).AsByte());
            Sse2.Store(o + 7L * count, Sse2.UnpackHigh(u3, w3).AsByte());
        }

        return end;
    }
}
