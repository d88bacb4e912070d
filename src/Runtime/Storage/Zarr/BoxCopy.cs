using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// Copies an axis-aligned box between two C-order arrays of different shapes, one contiguous row
/// (innermost axis) at a time.
/// </summary>
internal static class BoxCopy
{
    /// <param name="source">C-order elements of shape <paramref name="sourceShape"/>.</param>
    /// <param name="sourceStart">Box corner inside the source.</param>
    /// <param name="target">C-order elements of shape <paramref name="targetShape"/>.</param>
    /// <param name="targetStart">Box corner inside the target.</param>
    public static void Copy(
        ReadOnlySpan<byte> source, ReadOnlySpan<long> sourceShape, ReadOnlySpan<long> sourceStart,
        Span<byte> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart,
        ReadOnlySpan<long> box, int elementSize)
    {
        int n = box.Length;
        if (n == 0)
        {
            source[..elementSize].CopyTo(target);
            return;
        }

        // Trailing axes the box spans completely in both arrays are contiguous: copy them as one row.
        long rowElements = box[n - 1];
        while (n > 1 && box[n - 1] == sourceShape[n - 1] && box[n - 1] == targetShape[n - 1])
        {
            n--;
            rowElements *= box[n - 1];
        }

        int rowBytes = checked((int)(rowElements * elementSize));
        Span<long> sourceStrides = stackalloc long[box.Length];
        Span<long> targetStrides = stackalloc long[box.Length];
        Strides(sourceShape, sourceStrides);
        Strides(targetShape, targetStrides);
        Span<long> position = stackalloc long[n];
        long rows = 1;
        for (int d = 0; d < n - 1; d++)
        {
            rows *= box[d];
        }

        // Rows along the last outer axis are a fixed stride apart, so offsets are recomputed only when an
        // axis further out advances: short rows (64 bytes for a uint8 chunk) made that arithmetic a sizeable
        // part of every copy.
        int inner = n > 1 ? n - 2 : 0;
        long innerCount = n > 1 ? box[inner] : 1;
        long sourceStep = n > 1 ? sourceStrides[inner] * elementSize : 0;
        long targetStep = n > 1 ? targetStrides[inner] * elementSize : 0;
        for (long row = 0; row < rows; row += innerCount)
        {
            long s = 0, t = 0;
            for (int d = 0; d < n; d++)
            {
                s += (sourceStart[d] + position[d]) * sourceStrides[d];
                t += (targetStart[d] + position[d]) * targetStrides[d];
            }

            s *= elementSize;
            t *= elementSize;
            if (s + ((innerCount - 1) * sourceStep) + rowBytes > source.Length || t + ((innerCount - 1) * targetStep) + rowBytes > target.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(box), "box reaches beyond the source or target");
            }

            // In bounds: checked above for the last of these rows.
            CopyRows(
                ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)s), (nint)sourceStep,
                ref Unsafe.Add(ref MemoryMarshal.GetReference(target), (nint)t), (nint)targetStep,
                rowBytes, innerCount);

            for (int d = inner - 1; d >= 0; d--)
            {
                if (++position[d] < box[d])
                {
                    break;
                }

                position[d] = 0;
            }
        }
    }

    /// <summary>
    /// <paramref name="count"/> rows of <paramref name="rowBytes"/>, each a fixed step after the previous one. A chunk's
    /// rows are short (64 bytes for uint8 chunks of 64³), so a call per row cost as much as the copy: rows of up to
    /// 256 bytes in whole vectors are copied inline.
    /// </summary>
    internal static void CopyRows(ref byte source, nint sourceStep, ref byte target, nint targetStep, int rowBytes, long count)
    {
        int size = Vector256<byte>.Count;
        if (!Vector256.IsHardwareAccelerated || rowBytes > 8 * size || rowBytes % size != 0)
        {
            for (long k = 0; k < count; k++)
            {
                Unsafe.CopyBlockUnaligned(ref target, ref source, (uint)rowBytes);
                source = ref Unsafe.Add(ref source, sourceStep);
                target = ref Unsafe.Add(ref target, targetStep);
            }

            return;
        }

        for (long k = 0; k < count; k++)
        {
            for (int offset = 0; offset < rowBytes; offset += size)
            {
                Vector256.LoadUnsafe(ref source, (nuint)offset).StoreUnsafe(ref target, (nuint)offset);
            }

            source = ref Unsafe.Add(ref source, sourceStep);
            target = ref Unsafe.Add(ref target, targetStep);
        }
    }

    /// <summary>Sets a box of the C-order target to a repeated element.</summary>
    public static void Fill(Span<byte> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart, ReadOnlySpan<long> box, ReadOnlySpan<byte> element)
    {
        int n = box.Length;
        int elementSize = element.Length;
        if (n == 0)
        {
            element.CopyTo(target);
            return;
        }

        long rowElements = box[n - 1];
        while (n > 1 && box[n - 1] == targetShape[n - 1])
        {
            n--;
            rowElements *= box[n - 1];
        }

        int rowBytes = checked((int)(rowElements * elementSize));
        Span<long> strides = stackalloc long[box.Length];
        Strides(targetShape, strides);
        Span<long> position = stackalloc long[n];
        long rows = 1;
        for (int d = 0; d < n - 1; d++)
        {
            rows *= box[d];
        }

        for (long row = 0; row < rows; row++)
        {
            long t = 0;
            for (int d = 0; d < n; d++)
            {
                t += (targetStart[d] + position[d]) * strides[d];
            }

            ElementPattern.Fill(target.Slice(checked((int)(t * elementSize)), rowBytes), element);
            for (int d = n - 2; d >= 0; d--)
            {
                if (++position[d] < box[d])
                {
                    break;
                }

                position[d] = 0;
            }
        }
    }

    public static void Strides(ReadOnlySpan<long> shape, Span<long> strides)
    {
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
    }
}
