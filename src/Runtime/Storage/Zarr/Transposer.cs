using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Permutes the axes of a C-order chunk (Zarr v3 <c>transpose</c>, and v2 'F' order as the reversed permutation).</summary>
internal static class Transposer
{
    /// <summary>
    /// Writes to <paramref name="target"/> the C-order array of shape <c>shape[order[i]]</c> whose element
    /// at index j equals the source element at the index i with <c>i[order[k]] = j[k]</c>.
    /// </summary>
    public static void Permute(ReadOnlySpan<byte> source, ReadOnlySpan<long> shape, ReadOnlySpan<int> order, Span<byte> target, int elementSize)
    {
        switch (elementSize)
        {
            case 1:
                Permute(source, shape, order, target);
                break;
            case 2:
                Permute(MemoryMarshal.Cast<byte, ushort>(source), shape, order, MemoryMarshal.Cast<byte, ushort>(target));
                break;
            case 4:
                Permute(MemoryMarshal.Cast<byte, uint>(source), shape, order, MemoryMarshal.Cast<byte, uint>(target));
                break;
            default:
                Permute(MemoryMarshal.Cast<byte, ulong>(source), shape, order, MemoryMarshal.Cast<byte, ulong>(target));
                break;
        }
    }

    /// <summary>The permutation undoing <paramref name="order"/>.</summary>
    public static int[] Inverse(ReadOnlySpan<int> order)
    {
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            inverse[order[i]] = i;
        }

        return inverse;
    }

    public static bool IsIdentity(ReadOnlySpan<int> order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            if (order[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    private static void Permute<T>(ReadOnlySpan<T> source, ReadOnlySpan<long> shape, ReadOnlySpan<int> order, Span<T> target)
        where T : unmanaged
    {
        int n = shape.Length;
        Span<long> sourceStrides = stackalloc long[n];
        BoxCopy.Strides(shape, sourceStrides);
        Span<long> targetShape = stackalloc long[n];
        Span<long> walkStrides = stackalloc long[n];
        for (int k = 0; k < n; k++)
        {
            targetShape[k] = shape[order[k]];
            walkStrides[k] = sourceStrides[order[k]];
        }

        int contiguous = order.IndexOf(n - 1);
        if (contiguous != n - 1)
        {
            PermuteTiled(source, targetShape, walkStrides, contiguous, target);
            return;
        }

        long inner = targetShape[n - 1];
        long innerStride = walkStrides[n - 1];
        long rows = source.Length / Math.Max(inner, 1);
        Span<long> position = stackalloc long[n];
        ref T src = ref MemoryMarshal.GetReference(source);
        int t = 0;
        for (long row = 0; row < rows; row++)
        {
            long s = 0;
            for (int k = 0; k < n - 1; k++)
            {
                s += position[k] * walkStrides[k];
            }

            for (long j = 0; j < inner; j++, s += innerStride)
            {
                target[t++] = Unsafe.Add(ref src, (nint)s);
            }

            for (int k = n - 2; k >= 0; k--)
            {
                if (++position[k] < targetShape[k])
                {
                    break;
                }

                position[k] = 0;
            }
        }
    }

    /// <summary>
    /// The target's innermost axis is strided in the source while target axis <paramref name="contiguous"/>
    /// is the source's innermost: walk both in small square tiles so reads and writes stay in cache.
    /// </summary>
    private static void PermuteTiled<T>(ReadOnlySpan<T> source, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> walkStrides, int contiguous, Span<T> target)
        where T : unmanaged
    {
        const int Tile = 16;
        int n = targetShape.Length;
        int last = n - 1;
        Span<long> targetStrides = stackalloc long[n];
        BoxCopy.Strides(targetShape, targetStrides);
        long rowsJ = targetShape[contiguous];
        long columnsK = targetShape[last];
        long targetStrideJ = targetStrides[contiguous];
        long sourceStrideK = walkStrides[last];
        long outerCount = target.Length / Math.Max(rowsJ * columnsK, 1);
        Span<long> position = stackalloc long[n];
        ref T src = ref MemoryMarshal.GetReference(source);
        ref T dst = ref MemoryMarshal.GetReference(target);
        for (long outer = 0; outer < outerCount; outer++)
        {
            long targetBase = 0, sourceBase = 0;
            for (int d = 0; d < last; d++)
            {
                targetBase += position[d] * targetStrides[d];
                sourceBase += position[d] * walkStrides[d];
            }

            for (long jb = 0; jb < rowsJ; jb += Tile)
            {
                long jEnd = Math.Min(jb + Tile, rowsJ);
                for (long kb = 0; kb < columnsK; kb += Tile)
                {
                    long kEnd = Math.Min(kb + Tile, columnsK);
                    for (long j = jb; j < jEnd; j++)
                    {
                        long t = targetBase + (j * targetStrideJ) + kb;
                        long s = sourceBase + j + (kb * sourceStrideK);
                        for (long k = kb; k < kEnd; k++, t++, s += sourceStrideK)
                        {
                            Unsafe.Add(ref dst, (nint)t) = Unsafe.Add(ref src, (nint)s);
                        }
                    }
                }
            }

            // Advance the odometer over every axis except the two walked in tiles.
            for (int d = last - 1; d >= 0; d--)
            {
                if (d == contiguous)
                {
                    continue;
                }

                if (++position[d] < targetShape[d])
                {
                    break;
                }

                position[d] = 0;
            }
        }
    }
}
