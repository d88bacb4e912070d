namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// The voxel offsets within a world-unit distance of a voxel, halved: only lexicographically positive ones (first
/// non-zero component &gt; 0), so that visiting them from every voxel sees each unordered pair once.
/// </summary>
internal sealed class NeighbourOffsets
{
    private readonly int[] components;
    private readonly int[] deltas;
    private readonly double[] distances;

    private NeighbourOffsets(int[] components, int[] deltas, double[] distances)
    {
        this.components = components;
        this.deltas = deltas;
        this.distances = distances;
    }

    /// <summary>Per offset, one component per axis.</summary>
    public ReadOnlySpan<int> Components => components;

    /// <summary>Per offset, the linear index difference in the grid.</summary>
    public ReadOnlySpan<int> LinearDeltas => deltas;

    /// <summary>Per offset, its length in world units.</summary>
    public ReadOnlySpan<double> Distances => distances;

    public static NeighbourOffsets Within(VoxelGrid grid, ReadOnlySpan<double> voxelSize, double threshold)
    {
        int dims = grid.Dims;
        var radius = new int[dims];
        for (int d = 0; d < dims; d++)
        {
            if (!(voxelSize[d] > 0))
            {
                throw new ArgumentException($"voxel size along axis {d} must be positive, it is {voxelSize[d]}");
            }

            // No further than the grid: longer offsets never land inside it.
            radius[d] = (int)Math.Min(Math.Floor(threshold / voxelSize[d]), grid.Shape[d]);
        }

        var components = new List<int>();
        var deltas = new List<int>();
        var distances = new List<double>();
        var offset = new int[dims];
        for (int d = 0; d < dims; d++)
        {
            offset[d] = -radius[d];
        }

        while (true)
        {
            if (IsPositive(offset))
            {
                double squared = 0;
                long delta = 0;
                for (int d = 0; d < dims; d++)
                {
                    double world = offset[d] * voxelSize[d];
                    squared += world * world;
                    delta += offset[d] * grid.Stride(d);
                }

                double distance = Math.Sqrt(squared);
                if (distance <= threshold)
                {
                    components.AddRange(offset);
                    deltas.Add(checked((int)delta));
                    distances.Add(distance);
                }
            }

            int axis = dims - 1;
            for (; axis >= 0; axis--)
            {
                if (++offset[axis] <= radius[axis])
                {
                    break;
                }

                offset[axis] = -radius[axis];
            }

            if (axis < 0)
            {
                return new NeighbourOffsets([.. components], [.. deltas], [.. distances]);
            }
        }
    }

    private static bool IsPositive(int[] offset)
    {
        foreach (int value in offset)
        {
            if (value != 0)
            {
                return value > 0;
            }
        }

        return false;
    }
}
