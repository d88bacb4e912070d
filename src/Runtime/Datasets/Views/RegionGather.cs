using System.Runtime.InteropServices;

namespace Volara.Runtime.Datasets.Views;

/// <summary>
/// Copies elements of a C-order source box into a C-order destination following per-axis index lists (-1 = fill),
/// copying runs of consecutive indices along the last axis as blocks.
/// </summary>
internal static class RegionGather
{
    /// <param name="box">The source box, C order.</param>
    /// <param name="boxShape">Extent of the box per axis.</param>
    /// <param name="indices">Per axis, the box-relative index of each destination position, or -1 for fill.</param>
    public static void Gather(ReadOnlySpan<byte> box, long[] boxShape, long[][] indices, int elementSize, ReadOnlySpan<byte> fill, Span<byte> destination)
    {
        var dims = boxShape.Length;
        if (dims == 0)
        {
            box[..elementSize].CopyTo(destination);
            return;
        }

        var boxStrides = new long[dims];
        long stride = 1;
        for (var d = dims - 1; d >= 0; d--)
        {
            boxStrides[d] = stride;
            stride *= boxShape[d];
        }

        var runs = Runs(indices[dims - 1]);
        var rowLength = indices[dims - 1].Length;
        for (var d = 0; d < dims; d++)
        {
            if (indices[d].Length == 0)
            {
                return;
            }
        }

        var position = new int[dims];
        var rowBytes = rowLength * elementSize;
        var target = 0;
        while (true)
        {
            long rowOffset = 0;
            var rowIsFill = false;
            for (var d = 0; d < dims - 1; d++)
            {
                var index = indices[d][position[d]];
                if (index < 0)
                {
                    rowIsFill = true;
                    break;
                }

                rowOffset += index * boxStrides[d];
            }

            var row = destination.Slice(target, rowBytes);
            if (rowIsFill)
            {
                Fill(row, fill);
            }
            else
            {
                foreach (var (start, length, sourceIndex, descending) in runs)
                {
                    var slice = row.Slice(start * elementSize, length * elementSize);
                    if (sourceIndex < 0)
                    {
                        Fill(slice, fill);
                    }
                    else
                    {
                        box.Slice((int)((rowOffset + sourceIndex) * elementSize), length * elementSize).CopyTo(slice);
                        if (descending)
                        {
                            ReverseElements(slice, elementSize);
                        }
                    }
                }
            }

            target += rowBytes;
            var axis = dims - 2;
            while (axis >= 0 && ++position[axis] == indices[axis].Length)
            {
                position[axis--] = 0;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with repetitions of the one-element pattern <paramref name="fill"/>.</summary>
    public static void Fill(Span<byte> destination, ReadOnlySpan<byte> fill)
    {
        if (fill.Length == 1 || fill.IndexOfAnyExcept(fill[0]) < 0)
        {
            destination.Fill(fill[0]);
            return;
        }

        for (var offset = 0; offset < destination.Length; offset += fill.Length)
        {
            fill.CopyTo(destination[offset..]);
        }
    }

    /// <summary>
    /// Splits the last-axis indices into runs of fill (-1), ascending or descending consecutive indices (flipped axes);
    /// SourceIndex is the lowest source index of the run.
    /// </summary>
    private static List<(int Start, int Length, long SourceIndex, bool Descending)> Runs(long[] lastAxis)
    {
        var runs = new List<(int, int, long, bool)>();
        var start = 0;
        while (start < lastAxis.Length)
        {
            var end = start + 1;
            var descending = false;
            if (lastAxis[start] < 0)
            {
                while (end < lastAxis.Length && lastAxis[end] < 0)
                {
                    end++;
                }
            }
            else if (end < lastAxis.Length && lastAxis[end] >= 0 && lastAxis[end] == lastAxis[start] - 1)
            {
                descending = true;
                while (end < lastAxis.Length && lastAxis[end] >= 0 && lastAxis[end] == lastAxis[end - 1] - 1)
                {
                    end++;
                }
            }
            else
            {
                while (end < lastAxis.Length && lastAxis[end] == lastAxis[end - 1] + 1)
                {
                    end++;
                }
            }

            runs.Add((start, end - start, descending ? lastAxis[end - 1] : lastAxis[start], descending));
            start = end;
        }

        return runs;
    }

    private static void ReverseElements(Span<byte> elements, int elementSize)
    {
        switch (elementSize)
        {
            case 1: elements.Reverse(); break;
            case 2: MemoryMarshal.Cast<byte, ushort>(elements).Reverse(); break;
            case 4: MemoryMarshal.Cast<byte, uint>(elements).Reverse(); break;
            case 8: MemoryMarshal.Cast<byte, ulong>(elements).Reverse(); break;
            default: throw new NotSupportedException($"element size {elementSize}");
        }
    }
}
