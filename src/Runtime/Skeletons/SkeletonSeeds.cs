namespace Volara.Runtime.Skeletons;

/// <summary>
/// Skeleton nodes as seed voxels of an n-D volume. Coordinate convention: an NML node's <c>x, y, z</c> are voxel
/// indices of the dataset (x fastest); the volume's spatial axes are the trailing ones of (z, y, x) — 3-D: (z, y, x),
/// 2-D: (y, x) with z ignored — so the node lies at world position (z, y, x) × voxel size. Fractional coordinates are
/// floored to the voxel holding them. As volara, only skeletons with more than one node seed.
/// </summary>
public sealed class SkeletonSeeds
{
    private readonly long[] voxels;
    private readonly ulong[] ids;

    private SkeletonSeeds(int dims, long[] voxels, ulong[] ids)
    {
        Dims = dims;
        this.voxels = voxels;
        this.ids = ids;
    }

    /// <summary>Spatial axes of the volume the seeds are for.</summary>
    public int Dims { get; }

    /// <summary>Seed voxels (one per node of a seeding skeleton).</summary>
    public int Count => ids.Length;

    /// <summary>Seeds of a <paramref name="dims"/>-D volume (1 to 3 spatial axes) from the skeletons.</summary>
    public static SkeletonSeeds From(IReadOnlyList<Skeleton> skeletons, int dims)
    {
        ArgumentNullException.ThrowIfNull(skeletons);
        if (dims is < 1 or > 3)
        {
            throw new ArgumentException($"skeleton seeds need a volume with 1 to 3 spatial axes (x, y, z), it has {dims}");
        }

        var voxels = new List<long>();
        var ids = new List<ulong>();
        foreach (var skeleton in skeletons)
        {
            if (skeleton.Nodes.Count < 2)
            {
                continue;
            }

            foreach (var node in skeleton.Nodes)
            {
                // Trailing axes of (z, y, x).
                ReadOnlySpan<double> zyx = [node.Z, node.Y, node.X];
                foreach (double value in zyx[(3 - dims)..])
                {
                    voxels.Add((long)Math.Floor(value));
                }

                ids.Add((ulong)skeleton.Id);
            }
        }

        return new SkeletonSeeds(dims, [.. voxels], [.. ids]);
    }

    /// <summary>The voxel (global index per axis) of seed <paramref name="index"/>.</summary>
    public ReadOnlySpan<long> Voxel(int index) => voxels.AsSpan(index * Dims, Dims);

    /// <summary>The skeleton id of seed <paramref name="index"/>.</summary>
    public ulong Id(int index) => ids[index];

    /// <summary>
    /// Writes every seed inside the region (global voxel <paramref name="begin"/>, <paramref name="shape"/>) into
    /// <paramref name="seeds"/> (C order over the region, 0 elsewhere left untouched). Where nodes of several
    /// skeletons share a voxel the lowest skeleton id wins. Returns the number of seed voxels written.
    /// </summary>
    public int Place(ReadOnlySpan<long> begin, ReadOnlySpan<int> shape, Span<ulong> seeds)
    {
        if (begin.Length != Dims || shape.Length != Dims)
        {
            throw new ArgumentException($"the region has {begin.Length} axes, the seeds {Dims}");
        }

        int placed = 0;
        for (int seed = 0; seed < ids.Length; seed++)
        {
            var voxel = Voxel(seed);
            long linear = 0;
            bool inside = true;
            for (int d = 0; d < Dims; d++)
            {
                long local = voxel[d] - begin[d];
                if (local < 0 || local >= shape[d])
                {
                    inside = false;
                    break;
                }

                linear = (linear * shape[d]) + local;
            }

            if (!inside)
            {
                continue;
            }

            ref ulong value = ref seeds[(int)linear];
            if (value == 0 || ids[seed] < value)
            {
                placed += value == 0 ? 1 : 0;
                value = ids[seed];
            }
        }

        return placed;
    }
}
