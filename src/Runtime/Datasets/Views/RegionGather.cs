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
                foreach (var (start, length, sourceIndex) in runs)
                {
                    var slice = row.Slice(start * elementSize, length * elementSize);
                    if (sourceIndex < 0)
                    {
                        Fill(slice, fill);
                    }
                    else
                    {
                        box.Slice((int)((rowOffset + sourceIndex) * elementSize), length * elementSize).CopyTo(slice);
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

    /// <summary>Splits the last-axis indices into (start, length, first source index or -1) runs.</summary>
    private static List<(int Start, int Length, long SourceIndex)> Runs(long[] lastAxis)
    {
        var runs = new List<(int, int, long)>();
        var start = 0;
        while (start < lastAxis.Length)
        {
            var end = start + 1;
            if (lastAxis[start] < 0)
            {
                while (end < lastAxis.Length && lastAxis[end] < 0)
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

            runs.Add((start, end - start, lastAxis[start]));
            start = end;
        }

        return runs;
    }
}
