namespace Volara.Runtime.Segmentation;

/// <summary>
/// Seeds of a grid mutex watershed call, and the final labelling: seeded clusters take their seed value, other
/// kept clusters fresh ids 1, 2, … (in C order of their first voxel, skipping seed values), background 0.
/// </summary>
internal sealed class SeedState
{
    private readonly int[]? _seedIndex;
    private readonly ulong[] _seedValues;
    private readonly int[] _firstVoxel;

    private SeedState(int[]? seedIndex, ulong[] seedValues, int[] firstVoxel)
    {
        _seedIndex = seedIndex;
        _seedValues = seedValues;
        _firstVoxel = firstVoxel;
    }

    /// <summary>Indexes the seed values (first appearance order) and marks seeded voxels as kept.</summary>
    public static SeedState Create(ReadOnlySpan<ulong> seeds, Span<byte> keep)
    {
        if (seeds.IsEmpty)
        {
            return new SeedState(null, [], []);
        }

        var seedIndex = new int[seeds.Length];
        var indexOf = new Dictionary<ulong, int>();
        var values = new List<ulong>();
        var first = new List<int>();
        ulong lastValue = 0;
        int lastIndex = 0;
        for (int p = 0; p < seeds.Length; p++)
        {
            ulong value = seeds[p];
            if (value == 0)
            {
                continue;
            }

            if (value != lastValue)
            {
                if (!indexOf.TryGetValue(value, out lastIndex))
                {
                    values.Add(value);
                    first.Add(p);
                    lastIndex = values.Count;
                    indexOf.Add(value, lastIndex);
                }

                lastValue = value;
            }

            seedIndex[p] = lastIndex;
            keep[p] = 1;
        }

        return new SeedState(seedIndex, [.. values], [.. first]);
    }

    /// <summary>A clustering in which each seed's voxels already form one cluster.</summary>
    public MutexClustering CreateClustering(int nodes)
    {
        var clustering = new MutexClustering(nodes, _seedIndex, Math.Max(1024, nodes / 16));
        if (_seedIndex is { } seedIndex)
        {
            for (int p = 0; p < seedIndex.Length; p++)
            {
                if (seedIndex[p] != 0)
                {
                    clustering.Join(p, _firstVoxel[seedIndex[p] - 1]);
                }
            }
        }

        return clustering;
    }

    /// <summary>Writes the labels; returns the number of distinct non-zero ids.</summary>
    public int WriteLabels(MutexClustering clustering, ReadOnlySpan<byte> keep, Span<ulong> labels)
    {
        var sortedSeeds = (ulong[])_seedValues.Clone();
        Array.Sort(sortedSeeds);
        using var rootLabels = Memory.ScratchMemory.RentCleared<ulong>(labels.Length);
        var rootLabel = rootLabels.Span;
        int nextSeed = 0;
        ulong nextId = 1;
        int fresh = 0;
        var usedSeeds = _seedIndex is null ? null : new bool[_seedValues.Length];
        int seedsSeen = 0;
        for (int p = 0; p < labels.Length; p++)
        {
            if (keep[p] == 0)
            {
                labels[p] = 0;
                continue;
            }

            int root = clustering.Find(p);
            if (_seedIndex is { } seedIndex && seedIndex[root] != 0)
            {
                int s = seedIndex[root] - 1;
                labels[p] = _seedValues[s];
                if (!usedSeeds![s])
                {
                    usedSeeds[s] = true;
                    seedsSeen++;
                }

                continue;
            }

            if (rootLabel[root] == 0)
            {
                while (nextSeed < sortedSeeds.Length && sortedSeeds[nextSeed] <= nextId)
                {
                    if (sortedSeeds[nextSeed] == nextId)
                    {
                        nextId++;
                    }

                    nextSeed++;
                }

                fresh++;
                rootLabel[root] = nextId++;
            }

            labels[p] = rootLabel[root];
        }

        return fresh + seedsSeen;
    }
}
