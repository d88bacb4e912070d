using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// AVX2 versions of the byte unshuffle for item sizes 2, 4 and 8, 32 elements per step. The unpack instructions
/// work inside 128-bit lanes, so each step ends by reordering lane halves with a cross-lane permute.
/// </summary>
internal static unsafe class ByteUnshuffleAvx2
{
    private const int Elements = 32;

    /// <summary>
    /// Unshuffles the first whole multiple of 32 of <paramref name="count"/> elements from planes <paramref name="stride"/>
    /// bytes apart; returns how many elements were done.
    /// </summary>
    public static int Unshuffle(int typeSize, byte* src, byte* dst, int count, int stride) => typeSize switch
    {
        2 => Unshuffle2(src, dst, count, stride),
        4 => Unshuffle4(src, dst, count, stride),
        8 => Unshuffle8(src, dst, count, stride),
        _ => 0,
    };

    private static int Unshuffle2(byte* src, byte* dst, int count, int stride)
    {
        int end = count - count % Elements;
        byte* p1 = src + stride;
        for (int i = 0; i < end; i += Elements)
        {
            var a = Avx.LoadVector256(src + i);
            var b = Avx.LoadVector256(p1 + i);
            var low = Avx2.UnpackLow(a, b);
            var high = Avx2.UnpackHigh(a, b);
            byte* o = dst + i * 2;
            Avx.Store(o, Avx2.Permute2x128(low, high, 0x20));
            Avx.Store(o + 32, Avx2.Permute2x128(low, high, 0x31));
        }

        return end;
    }

    private static int Unshuffle4(byte* src, byte* dst, int count, int stride)
    {
        int end = count - count % Elements;
        byte* p1 = src + stride;
        byte* p2 = p1 + stride;
        byte* p3 = p2 + stride;
        for (int i = 0; i < end; i += Elements)
        {
            var a = Avx.LoadVector256(src + i);
            var b = Avx.LoadVector256(p1 + i);
            var c = Avx.LoadVector256(p2 + i);
            var d = Avx.LoadVector256(p3 + i);
            var abLow = Avx2.UnpackLow(a, b).AsUInt16();
            var abHigh = Avx2.UnpackHigh(a, b).AsUInt16();
            var cdLow = Avx2.UnpackLow(c, d).AsUInt16();
            var cdHigh = Avx2.UnpackHigh(c, d).AsUInt16();

            // r0 = elements 0-3 | 16-19, r1 = 4-7 | 20-23, r2 = 8-11 | 24-27, r3 = 12-15 | 28-31.
            var r0 = Avx2.UnpackLow(abLow, cdLow).AsByte();
            var r1 = Avx2.UnpackHigh(abLow, cdLow).AsByte();
            var r2 = Avx2.UnpackLow(abHigh, cdHigh).AsByte();
            var r3 = Avx2.UnpackHigh(abHigh, cdHigh).AsByte();
            byte* o = dst + i * 4;
            Avx.Store(o, Avx2.Permute2x128(r0, r1, 0x20));
            Avx.Store(o + 32, Avx2.Permute2x128(r2, r3, 0x20));
            Avx.Store(o + 64, Avx2.Permute2x128(r0, r1, 0x31));
            Avx.Store(o + 96, Avx2.Permute2x128(r2, r3, 0x31));
        }

        return end;
    }

    private static int Unshuffle8(byte* src, byte* dst, int count, int stride)
    {
        int end = count - count % Elements;
        for (int i = 0; i < end; i += Elements)
        {
            byte* p = src + i;
            var a = Avx.LoadVector256(p);
            var b = Avx.LoadVector256(p + stride);
            var c = Avx.LoadVector256(p + 2L * stride);
            var d = Avx.LoadVector256(p + 3L * stride);
            var e = Avx.LoadVector256(p + 4L * stride);
            var f = Avx.LoadVector256(p + 5L * stride);
            var g = Avx.LoadVector256(p + 6L * stride);
            var h = Avx.LoadVector256(p + 7L * stride);

            var ab0 = Avx2.UnpackLow(a, b).AsUInt16();
            var ab1 = Avx2.UnpackHigh(a, b).AsUInt16();
            var cd0 = Avx2.UnpackLow(c, d).AsUInt16();
            var cd1 = Avx2.UnpackHigh(c, d).AsUInt16();
            var ef0 = Avx2.UnpackLow(e, f).AsUInt16();
            var ef1 = Avx2.UnpackHigh(e, f).AsUInt16();
            var gh0 = Avx2.UnpackLow(g, h).AsUInt16();
            var gh1 = Avx2.UnpackHigh(g, h).AsUInt16();

            var abcd0 = Avx2.UnpackLow(ab0, cd0).AsUInt32();
            var abcd1 = Avx2.UnpackHigh(ab0, cd0).AsUInt32();
            var abcd2 = Avx2.UnpackLow(ab1, cd1).AsUInt32();
            var abcd3 = Avx2.UnpackHigh(ab1, cd1).AsUInt32();
            var efgh0 = Avx2.UnpackLow(ef0, gh0).AsUInt32();
            var efgh1 = Avx2.UnpackHigh(ef0, gh0).AsUInt32();
            var efgh2 = Avx2.UnpackLow(ef1, gh1).AsUInt32();
            var efgh3 = Avx2.UnpackHigh(ef1, gh1).AsUInt32();

            // r[k] holds elements 2k, 2k+1 in its low lane and 16+2k, 17+2k in its high lane.
            var r0 = Avx2.UnpackLow(abcd0, efgh0).AsByte();
            var r1 = Avx2.UnpackHigh(abcd0, efgh0).AsByte();
            var r2 = Avx2.UnpackLow(abcd1, efgh1).AsByte();
            var r3 = Avx2.UnpackHigh(abcd1, efgh1).AsByte();
            var r4 = Avx2.UnpackLow(abcd2, efgh2).AsByte();
            var r5 = Avx2.UnpackHigh(abcd2, efgh2).AsByte();
            var r6 = Avx2.UnpackLow(abcd3, efgh3).AsByte();
            var r7 = Avx2.UnpackHigh(abcd3, efgh3).AsByte();

            byte* o = dst + i * 8;
            Avx.Store(o, Avx2.Permute2x128(r0, r1, 0x20));
            Avx.Store(o + 32, Avx2.Permute2x128(r2, r3, 0x20));
            Avx.Store(o + 64, Avx2.Permute2x128(r4, r5, 0x20));
            Avx.Store(o + 96, Avx2.Permute2x128(r6, r7, 0x20));
            Avx.Store(o + 128, Avx2.Permute2x128(r0, r1, 0x31));
            Avx.Store(o + 160, Avx2.Permute2x128(r2, r3, 0x31));
            Avx.Store(o + 192, Avx2.Permute2x128(r4, r5, 0x31));
            Avx.Store(o + 224, Avx2.Permute2x128(r6, r7, 0x31));
        }

        return end;
    }
}
