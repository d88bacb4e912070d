using System.Buffers;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// ExtractFrags' per-block relabel: connected regions of equal non-zero value with full connectivity (3^n − 1
/// neighbours, skimage's <c>connectivity=ndim</c>) become 1..n, numbered in raster order of their first voxel.
/// </summary>
internal static class ComponentLabels
{
    /// <summary>Relabels <paramref name="labels"/> in place; returns n.</summary>
    public static int Relabel(Span<ulong> labels, VoxelGrid grid)
    {
        int voxels = grid.VoxelCount;
        int dims = grid.Dims;
        var backward = BackwardNeighbours(dims);
        var deltas = new long[backward.Length];
        for (int n = 0; n < backward.Length; n++)
        {
            for (int d = 0; d < dims; d++)
            {
                deltas[n] += backward[n][d] * grid.Stride(d);
            }
        }

        int[] parent = ArrayPool<int>.Shared.Rent(Math.Max(voxels, 1));
        try
        {
            Span<int> index = stackalloc int[dims];
            var shape = grid.Shape;
            for (int p = 0; p < voxels; p++)
            {
                parent[p] = p;
                ulong label = labels[p];
                if (label != 0)
                {
                    for (int n = 0; n < backward.Length; n++)
                    {
                        if (Inside(index, backward[n], shape))
                        {
                            int q = p + (int)deltas[n];
                            if (labels[q] == label)
                            {
                                Union(parent, p, q);
                            }
                        }
                    }
                }

                for (int d = dims - 1; d >= 0; d--)
                {
                    if (++index[d] < shape[d])
                    {
                        break;
                    }

                    index[d] = 0;
                }
            }

            // Roots are the smallest voxel of their component, so they are met first in the scan.
            int count = 0;
            for (int p = 0; p < voxels; p++)
            {
                if (labels[p] == 0)
                {
                    continue;
                }

                int root = Find(parent, p);
                if (root == p)
                {
                    parent[p] = -(++count);
                    labels[p] = (ulong)count;
                }
                else
                {
                    labels[p] = (ulong)(-parent[root]);
                }
            }

            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(parent);
        }
    }

    private static bool Inside(ReadOnlySpan<int> index, int[] offset, ReadOnlySpan<int> shape)
    {
        for (int d = 0; d < offset.Length; d++)
        {
            int at = index[d] + offset[d];
            if (at < 0 || at >= shape[d])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The neighbours that precede a voxel in raster order: offsets in {−1, 0, 1}^n whose first non-zero element is −1.</summary>
    private static int[][] BackwardNeighbours(int dims)
    {
        var offsets = new List<int[]>();
        int total = (int)Math.Pow(3, dims);
        for (int code = 0; code < total; code++)
        {
            var offset = new int[dims];
            int rest = code;
            for (int d = dims - 1; d >= 0; d--)
            {
                offset[d] = (rest % 3) - 1;
                rest /= 3;
            }

            int first = Array.FindIndex(offset, v => v != 0);
            if (first >= 0 && offset[first] < 0)
            {
                offsets.Add(offset);
            }
        }

        return [.. offsets];
    }

    // Parents are voxel indices until numbering, then roots hold −id; Find only runs before a root is numbered
    // because every member of a component comes after its root in the scan.
    private static int Find(int[] parent, int x)
    {
        while (parent[x] >= 0 && parent[x] != x)
        {
            int grand = parent[parent[x]];
            if (grand < 0)
            {
                return parent[x];
            }

            parent[x] = grand;
            x = grand;
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a);
        int rb = Find(parent, b);
        if (ra != rb)
        {
            // The smaller index stays root: it is the component's first voxel in raster order.
            if (ra < rb)
            {
                parent[rb] = ra;
            }
            else
            {
                parent[ra] = rb;
            }
        }
    }
}
