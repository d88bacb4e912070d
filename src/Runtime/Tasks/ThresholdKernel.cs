using System.Numerics;
using System.Runtime.InteropServices;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>
/// <c>mask = data &gt; threshold</c> (strict) as 0/1 bytes, with numpy's rule that a Python float compared to a
/// float32 (float16) array is first rounded to that type.
/// </summary>
public static class ThresholdKernel
{
    /// <summary>The compare over values of a stored number type (the data type follows from <typeparamref name="T"/>).</summary>
    public static void Apply<T>(ReadOnlySpan<T> values, double threshold, Span<byte> mask)
        where T : unmanaged =>
        Apply(MemoryMarshal.AsBytes(values), DataType.Of<T>(), threshold, mask);

    public static void Apply(ReadOnlySpan<byte> data, DataType type, double threshold, Span<byte> mask)
    {
        switch (type.Kind)
        {
            case ScalarKind.UInt8:
            {
                // A table makes the byte case a single lookup per voxel.
                Span<byte> table = stackalloc byte[256];
                for (int v = 0; v < 256; v++)
                {
                    table[v] = v > threshold ? (byte)1 : (byte)0;
                }

                for (int i = 0; i < data.Length; i++)
                {
                    mask[i] = table[data[i]];
                }

                return;
            }

            case ScalarKind.Float32:
                Compare(MemoryMarshal.Cast<byte, float>(data), (float)threshold, mask);
                return;
            case ScalarKind.Float64:
                Compare(MemoryMarshal.Cast<byte, double>(data), threshold, mask);
                return;
            case ScalarKind.Float16:
            {
                var values = MemoryMarshal.Cast<byte, Half>(data);
                double limit = (double)(Half)threshold;
                for (int i = 0; i < values.Length; i++)
                {
                    mask[i] = (double)values[i] > limit ? (byte)1 : (byte)0;
                }

                return;
            }

            case ScalarKind.Int8: Widen(MemoryMarshal.Cast<byte, sbyte>(data), threshold, mask); return;
            case ScalarKind.Int16: Widen(MemoryMarshal.Cast<byte, short>(data), threshold, mask); return;
            case ScalarKind.UInt16: Widen(MemoryMarshal.Cast<byte, ushort>(data), threshold, mask); return;
            case ScalarKind.Int32: Widen(MemoryMarshal.Cast<byte, int>(data), threshold, mask); return;
            case ScalarKind.UInt32: Widen(MemoryMarshal.Cast<byte, uint>(data), threshold, mask); return;
            case ScalarKind.Int64: Widen(MemoryMarshal.Cast<byte, long>(data), threshold, mask); return;
            case ScalarKind.UInt64: Widen(MemoryMarshal.Cast<byte, ulong>(data), threshold, mask); return;
            case ScalarKind.Bool:
                for (int i = 0; i < data.Length; i++)
                {
                    mask[i] = (data[i] != 0 ? 1.0 : 0.0) > threshold ? (byte)1 : (byte)0;
                }

                return;
            default:
                throw new NotSupportedException($"threshold of {type} data is not supported");
        }
    }

    private static void Compare<T>(ReadOnlySpan<T> values, T limit, Span<byte> mask)
        where T : IComparisonOperators<T, T, bool>
    {
        for (int i = 0; i < values.Length; i++)
        {
            mask[i] = values[i] > limit ? (byte)1 : (byte)0;
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> values, double limit, Span<byte> mask)
        where T : INumberBase<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            mask[i] = double.CreateTruncating(values[i]) > limit ? (byte)1 : (byte)0;
        }
    }
}
