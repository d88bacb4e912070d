namespace Volara.Runtime.Registration;

/// <summary>A box of voxels inside a C-order array: copies it out contiguously, one innermost row at a time.</summary>
internal static class VoxelBox
{
    /// <summary>
    /// Copies the box <paramref name="begin"/> … <paramref name="begin"/> + <paramref name="size"/> of <paramref name="source"/>
    /// (shape <paramref name="shape"/>) into <paramref name="target"/> (shape <paramref name="size"/>).
    /// </summary>
    public static void Copy<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> shape, ReadOnlySpan<int> begin, ReadOnlySpan<int> size, Span<T> target)
    {
        int dims = shape.Length;
        int rowLength = size[dims - 1];
        int rows = 1;
        for (int d = 0; d < dims - 1; d++)
        {
            rows *= size[d];
        }

        Span<int> index = stackalloc int[dims];
        for (int row = 0; row < rows; row++)
        {
            int rest = row;
            for (int d = dims - 2; d >= 0; d--)
            {
                index[d] = rest % size[d];
                rest /= size[d];
            }

            int start = 0;
            for (int d = 0; d < dims; d++)
            {
                start = (start * shape[d]) + begin[d] + (d < dims - 1 ? index[d] : 0);
            }

            source.Slice(start, rowLength).CopyTo(target.Slice(row * rowLength, rowLength));
        }
    }

    /// <summary>Number of voxels of a box.</summary>
    public static int Count(ReadOnlySpan<int> size)
    {
        int count = 1;
        foreach (int length in size)
        {
            count *= length;
        }

        return count;
    }
}
