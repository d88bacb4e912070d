using System.Runtime.InteropServices;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// volara's DistanceAgglom proximity: the minimum distance between the surface voxels of every two labels, up to a
/// threshold. A voxel is on a surface when its label is non-zero and the discrete Laplacian of the label image is
/// non-zero there (neighbours outside the valid region reflect, as <c>scipy.ndimage.laplace</c>'s default mode).
/// Distances are between voxel centres, in world units (index difference × voxel size per axis).
/// </summary>
/// <remarks>
/// Instead of comparing all pairs of surface voxels, every surface voxel visits the half of the bounded
/// neighbourhood (offsets within the threshold, lexicographically positive, so each voxel pair is seen once) —
/// cost proportional to surface voxels × neighbourhood size.
/// </remarks>
public static class SurfaceDistances
{
    /// <param name="labels">Labels over <paramref name="grid"/>, C order.</param>
    /// <param name="validLow">First voxel of the valid region per axis (voxels outside it are not data, e.g. past the volume).</param>
    /// <param name="validHigh">End (exclusive) of the valid region per axis.</param>
    /// <param name="voxelSize">World size of a voxel per axis.</param>
    /// <param name="threshold">Largest distance recorded (inclusive), world units.</param>
    /// <returns>The close pairs, ascending by (u, v); label 0 never takes part.</returns>
    public static List<SurfacePair> Find(ReadOnlySpan<ulong> labels, VoxelGrid grid, ReadOnlySpan<int> validLow, ReadOnlySpan<int> validHigh, ReadOnlySpan<double> voxelSize, double threshold) =>
        Find(labels, grid, validLow, validHigh, validLow, validHigh, voxelSize, threshold);

    /// <summary>
    /// As <see cref="Find(ReadOnlySpan{ulong}, VoxelGrid, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, double)"/>,
    /// with surface voxels only taken inside [<paramref name="surfaceLow"/>, <paramref name="surfaceHigh"/>) — a block
    /// leaves out its outermost layer where the volume goes on, since the Laplacian there needs voxels it did not read.
    /// </summary>
    public static List<SurfacePair> Find(
        ReadOnlySpan<ulong> labels,
        VoxelGrid grid,
        ReadOnlySpan<int> validLow,
        ReadOnlySpan<int> validHigh,
        ReadOnlySpan<int> surfaceLow,
        ReadOnlySpan<int> surfaceHigh,
        ReadOnlySpan<double> voxelSize,
        double threshold)
    {
        int dims = grid.Dims;
        if (labels.Length != grid.VoxelCount || validLow.Length != dims || validHigh.Length != dims || surfaceLow.Length != dims || surfaceHigh.Length != dims || voxelSize.Length != dims)
        {
            throw new ArgumentException($"labels ({labels.Length} voxels), valid region and voxel size must match the {dims}-D grid of {grid.VoxelCount} voxels");
        }

        if (!(threshold >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the distance threshold must be a non-negative number");
        }

        for (int d = 0; d < dims; d++)
        {
            if (validLow[d] < 0 || validHigh[d] > grid.Shape[d])
            {
                throw new ArgumentException($"the valid region leaves the grid along axis {d}");
            }

            if (surfaceLow[d] < validLow[d] || surfaceHigh[d] > validHigh[d])
            {
                throw new ArgumentException($"the surface region leaves the valid region along axis {d}");
            }

            if (surfaceLow[d] >= surfaceHigh[d])
            {
                return [];
            }
        }

        using var surface = ScratchMemory.RentCleared<ulong>(grid.VoxelCount);
        var surfaceVoxels = new List<int>();
        MarkSurface(labels, grid, validLow, validHigh, surfaceLow, surfaceHigh, surface.Span, surfaceVoxels);
        var offsets = NeighbourOffsets.Within(grid, voxelSize, threshold);
        return Pairs(surface.Span, grid, validLow, validHigh, surfaceVoxels, offsets);
    }

    private static void MarkSurface(
        ReadOnlySpan<ulong> labels, VoxelGrid grid, ReadOnlySpan<int> low, ReadOnlySpan<int> high, ReadOnlySpan<int> from, ReadOnlySpan<int> to, Span<ulong> surface, List<int> surfaceVoxels)
    {
        int dims = grid.Dims;
        Span<int> index = stackalloc int[dims];
        from.CopyTo(index);
        while (true)
        {
            int linear = 0;
            for (int d = 0; d < dims; d++)
            {
                linear += index[d] * (int)grid.Stride(d);
            }

            ulong label = labels[linear];
            if (label != 0)
            {
                // Laplacian in wrapping uint64 arithmetic, as scipy computes it for a uint64 image.
                ulong laplacian = 0;
                for (int d = 0; d < dims; d++)
                {
                    int stride = (int)grid.Stride(d);
                    ulong previous = index[d] > low[d] ? labels[linear - stride] : label;
                    ulong next = index[d] + 1 < high[d] ? labels[linear + stride] : label;
                    laplacian = unchecked(laplacian + previous + next - (2 * label));
                }

                if (laplacian != 0)
                {
                    surface[linear] = label;
                    surfaceVoxels.Add(linear);
                }
            }

            int axis = dims - 1;
            for (; axis >= 0; axis--)
            {
                if (++index[axis] < to[axis])
                {
                    break;
                }

                index[axis] = from[axis];
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    private static List<SurfacePair> Pairs(ReadOnlySpan<ulong> surface, VoxelGrid grid, ReadOnlySpan<int> low, ReadOnlySpan<int> high, List<int> surfaceVoxels, NeighbourOffsets offsets)
    {
        int dims = grid.Dims;
        var closest = new Dictionary<(ulong, ulong), double>();
        Span<int> position = stackalloc int[dims];
        var components = offsets.Components;
        var deltas = offsets.LinearDeltas;
        var distances = offsets.Distances;
        foreach (int voxel in CollectionsMarshal.AsSpan(surfaceVoxels))
        {
            int rest = voxel;
            for (int d = 0; d < dims; d++)
            {
                int stride = (int)grid.Stride(d);
                position[d] = rest / stride;
                rest -= position[d] * stride;
            }

            ulong label = surface[voxel];
            for (int o = 0; o < deltas.Length; o++)
            {
                ulong other = 0;
                var component = components.Slice(o * dims, dims);
                bool inside = true;
                for (int d = 0; d < dims; d++)
                {
                    int q = position[d] + component[d];
                    if (q < low[d] || q >= high[d])
                    {
                        inside = false;
                        break;
                    }
                }

                if (inside)
                {
                    other = surface[voxel + deltas[o]];
                }

                if (other == 0 || other == label)
                {
                    continue;
                }

                var key = label < other ? (label, other) : (other, label);
                ref double best = ref CollectionsMarshal.GetValueRefOrAddDefault(closest, key, out bool exists);
                if (!exists || distances[o] < best)
                {
                    best = distances[o];
                }
            }
        }

        var pairs = new List<SurfacePair>(closest.Count);
        foreach (var ((u, v), distance) in closest)
        {
            pairs.Add(new SurfacePair(u, v, distance));
        }

        pairs.Sort(static (a, b) => a.U != b.U ? a.U.CompareTo(b.U) : a.V.CompareTo(b.V));
        return pairs;
    }
}
