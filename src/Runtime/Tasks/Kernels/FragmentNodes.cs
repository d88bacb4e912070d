namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// The fragments of one block: id, voxel count, and centroid in voxels relative to the block's write region, each
/// axis the mean voxel index truncated to an integer (volara's node position before scaling).
/// </summary>
public sealed class FragmentNodes
{
    private readonly long[] centroids;

    internal FragmentNodes(ulong[] ids, long[] sizes, long[] centroids, int dims)
    {
        Ids = ids;
        Sizes = sizes;
        this.centroids = centroids;
        Dims = dims;
    }

    /// <summary>No fragments (also what a skipped block reports).</summary>
    public static FragmentNodes Empty(int dims) => new([], [], [], dims);

    public ulong[] Ids { get; }

    public long[] Sizes { get; }

    public int Dims { get; }

    public int Count => Ids.Length;

    /// <summary>Truncated centroid of fragment <paramref name="node"/> along <paramref name="axis"/>, in voxels.</summary>
    public long Centroid(int node, int axis) => centroids[(node * Dims) + axis];

    /// <summary>
    /// Sizes and truncated centroids of the labels 1..<paramref name="count"/> (0 is background and no node), named
    /// <c>idBase + label</c>.
    /// </summary>
    public static FragmentNodes Measure(ReadOnlySpan<ulong> labels, VoxelGrid grid, int count, ulong idBase)
    {
        int dims = grid.Dims;
        var sizes = new long[count];
        var sums = new long[count * dims];
        Span<int> index = stackalloc int[dims];
        var shape = grid.Shape;
        for (int voxel = 0; voxel < labels.Length; voxel++)
        {
            ulong label = labels[voxel];
            if (label != 0)
            {
                int at = (int)label - 1;
                sizes[at]++;
                for (int d = 0; d < dims; d++)
                {
                    sums[(at * dims) + d] += index[d];
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

        var ids = new ulong[count];
        for (int node = 0; node < count; node++)
        {
            ids[node] = checked(idBase + (ulong)node + 1);
            for (int d = 0; d < dims; d++)
            {
                // Non-negative sums: integer division truncates exactly where a float mean could round up.
                sums[(node * dims) + d] = sizes[node] == 0 ? 0 : sums[(node * dims) + d] / sizes[node];
            }
        }

        return new FragmentNodes(ids, sizes, sums, dims);
    }
}
