using Volara.Runtime.Storage;

namespace Volara.Runtime.Tests.Storage.Zarr;

/// <summary>Deterministic element data for round-trip tests (machine byte order).</summary>
internal static class TestElements
{
    public static readonly DataType[] AllTypes =
    [
        DataType.Bool, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64,
        DataType.UInt8, DataType.UInt16, DataType.UInt32, DataType.UInt64,
        DataType.Float16, DataType.Float32, DataType.Float64,
    ];

    /// <summary>Random bytes (0/1 for bool) with every fifth element zero, so chunks mix data and zeros.</summary>
    public static byte[] Random(DataType type, long count, int seed)
    {
        var bytes = new byte[count * type.Size];
        new Random(seed).NextBytes(bytes);
        for (long i = 0; i < count; i++)
        {
            var element = bytes.AsSpan((int)(i * type.Size), type.Size);
            if (i % 5 == 0)
            {
                element.Clear();
            }
            else if (type.Kind == ScalarKind.Bool)
            {
                element[0] = (byte)(element[0] & 1);
            }
        }

        return bytes;
    }

    public static long Count(long[] shape)
    {
        long n = 1;
        foreach (var s in shape)
        {
            n *= s;
        }

        return n;
    }

    /// <summary>Element bytes of a C-order region cut out of a C-order array (reference implementation, element by element).</summary>
    public static byte[] Crop(byte[] full, long[] fullShape, long[] start, long[] shape, int size, byte[] fill)
    {
        var result = new byte[Count(shape) * size];
        int n = shape.Length;
        var index = new long[n];
        for (long i = 0; i < Count(shape); i++)
        {
            long rest = i;
            for (int d = n - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }

            long flat = 0;
            bool inside = true;
            for (int d = 0; d < n; d++)
            {
                long g = start[d] + index[d];
                inside &= g >= 0 && g < fullShape[d];
                flat = (flat * fullShape[d]) + g;
            }

            var target = result.AsSpan((int)(i * size), size);
            if (inside)
            {
                full.AsSpan((int)(flat * size), size).CopyTo(target);
            }
            else
            {
                fill.CopyTo(target);
            }
        }

        return result;
    }
}
