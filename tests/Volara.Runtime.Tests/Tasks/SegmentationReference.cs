using Volara.Runtime.Geometry;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>Plain, slow reference computations for the segmentation task tests.</summary>
internal static class SegmentationReference
{
    /// <summary>uint8 affinities: channel k at p is 255 when p + offsets[k] is inside and both voxels carry the same non-zero label.</summary>
    public static byte[] Affinities(ulong[] labels, int[] shape, IReadOnlyList<Coordinate> offsets)
    {
        int voxels = labels.Length;
        var affs = new byte[offsets.Count * voxels];
        for (int p = 0; p < voxels; p++)
        {
            for (int k = 0; k < offsets.Count; k++)
            {
                int q = Neighbour(p, shape, offsets[k]);
                if (q >= 0 && labels[p] != 0 && labels[p] == labels[q])
                {
                    affs[(k * voxels) + p] = 255;
                }
            }
        }

        return affs;
    }

    /// <summary>The linear index of p + offset, or -1 when it leaves the grid.</summary>
    public static int Neighbour(int p, int[] shape, Coordinate offset)
    {
        int dims = shape.Length;
        Span<int> index = stackalloc int[dims];
        int rest = p;
        for (int d = dims - 1; d >= 0; d--)
        {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }

        int q = 0;
        for (int d = 0; d < dims; d++)
        {
            long at = index[d] + offset.ValueAt(d);
            if (at < 0 || at >= shape[d])
            {
                return -1;
            }

            q = (q * shape[d]) + (int)at;
        }

        return q;
    }

    /// <summary>
    /// What a mutex watershed gives on noise-free affinities with a negative bias: clusters of voxels joined by
    /// attractive edges (same non-zero label, any offset), 0 for voxels without any attractive edge.
    /// </summary>
    public static ulong[] AttractiveClusters(ulong[] labels, int[] shape, IReadOnlyList<Coordinate> offsets)
    {
        int voxels = labels.Length;
        var parent = Enumerable.Range(0, voxels).ToArray();
        var attracted = new bool[voxels];
        for (int p = 0; p < voxels; p++)
        {
            foreach (var offset in offsets)
            {
                int q = Neighbour(p, shape, offset);
                if (q >= 0 && labels[p] != 0 && labels[p] == labels[q])
                {
                    attracted[p] = attracted[q] = true;
                    parent[Find(parent, p)] = Find(parent, q);
                }
            }
        }

        var result = new ulong[voxels];
        for (int p = 0; p < voxels; p++)
        {
            result[p] = attracted[p] ? (ulong)Find(parent, p) + 1 : 0;
        }

        return result;
    }

    /// <summary>Connected components with full connectivity, numbered in raster order of their first voxel.</summary>
    public static ulong[] FullComponents(ulong[] labels, int[] shape)
    {
        int voxels = labels.Length;
        int dims = shape.Length;
        var neighbours = FullNeighbourhood(dims);
        var parent = Enumerable.Range(0, voxels).ToArray();
        for (int p = 0; p < voxels; p++)
        {
            foreach (var offset in neighbours)
            {
                int q = Neighbour(p, shape, offset);
                if (q >= 0 && labels[p] != 0 && labels[p] == labels[q])
                {
                    parent[Find(parent, p)] = Find(parent, q);
                }
            }
        }

        var names = new Dictionary<int, ulong>();
        var result = new ulong[voxels];
        for (int p = 0; p < voxels; p++)
        {
            if (labels[p] != 0)
            {
                int root = Find(parent, p);
                if (!names.TryGetValue(root, out var name))
                {
                    names[root] = name = (ulong)names.Count + 1;
                }

                result[p] = name;
            }
        }

        return result;
    }

    /// <summary>True when both labellings induce the same partition with the same background.</summary>
    public static bool SamePartition(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, out string difference)
    {
        var forward = new Dictionary<ulong, ulong>();
        var backward = new Dictionary<ulong, ulong>();
        for (int i = 0; i < a.Length; i++)
        {
            if ((a[i] == 0) != (b[i] == 0))
            {
                difference = $"voxel {i}: {a[i]} vs {b[i]} (background differs)";
                return false;
            }

            if (a[i] == 0)
            {
                continue;
            }

            if (forward.TryGetValue(a[i], out var mapped) && mapped != b[i] || backward.TryGetValue(b[i], out var back) && back != a[i])
            {
                difference = $"voxel {i}: {a[i]} vs {b[i]} (partitions differ)";
                return false;
            }

            forward[a[i]] = b[i];
            backward[b[i]] = a[i];
        }

        difference = string.Empty;
        return true;
    }

    /// <summary>The write region (at <paramref name="offset"/> with <paramref name="shape"/>) of a read-grid array.</summary>
    public static ulong[] Crop(ulong[] source, int[] sourceShape, int[] offset, int[] shape)
    {
        var target = new ulong[shape.Aggregate(1, (a, b) => a * b)];
        ExtractFragsKernel.Crop(source, new VoxelGrid(sourceShape), offset, new VoxelGrid(shape), target);
        return target;
    }

    /// <summary>Random blobs: a coarse random grid of labels (some 0), upsampled by <paramref name="cell"/>.</summary>
    public static ulong[] Blobs(int[] shape, int cell, int labels, int seed)
    {
        var random = new Random(seed);
        int voxels = shape.Aggregate(1, (a, b) => a * b);
        var coarse = new Dictionary<string, ulong>();
        var result = new ulong[voxels];
        var index = new int[shape.Length];
        for (int p = 0; p < voxels; p++)
        {
            int rest = p;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d] / cell;
                rest /= shape[d];
            }

            string key = string.Join(",", index);
            if (!coarse.TryGetValue(key, out var label))
            {
                coarse[key] = label = (ulong)random.Next(0, labels + 1);
            }

            result[p] = label;
        }

        return result;
    }

    private static List<Coordinate> FullNeighbourhood(int dims)
    {
        var offsets = new List<Coordinate>();
        int count = (int)Math.Pow(3, dims);
        for (int n = 0; n < count; n++)
        {
            var values = new long[dims];
            int rest = n;
            for (int d = 0; d < dims; d++)
            {
                values[d] = (rest % 3) - 1;
                rest /= 3;
            }

            if (values.Any(v => v != 0))
            {
                offsets.Add(new Coordinate(values));
            }
        }

        return offsets;
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }
}
