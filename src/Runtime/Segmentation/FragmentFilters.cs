using System.Numerics;
using System.Numerics.Tensors;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Segmentation;

/// <summary>Post-processing of a fragment block as in volara's ExtractFrags (filter_fragments, remove_debris).</summary>
public static class FragmentFilters
{
    /// <summary>
    /// volara's <c>filter_fragments</c>: for every fragment id (0 included) the mean, over its voxels, of the average
    /// of the first <paramref name="averagedChannels"/> channels (the direct-neighbour offsets, i.e. ndim); fragments
    /// whose mean is below <paramref name="threshold"/> are set to 0.
    /// </summary>
    /// <param name="fragments">Fragment ids, changed in place.</param>
    /// <param name="affinities">Channel-first affinities over the same voxels (at least averagedChannels planes).</param>
    /// <param name="averagedChannels">How many leading channels are averaged.</param>
    /// <param name="threshold">Smallest mean that keeps a fragment.</param>
    /// <returns>The number of non-zero fragment ids removed.</returns>
    public static int FilterByMeanAffinity(Span<ulong> fragments, ReadOnlySpan<float> affinities, int averagedChannels, double threshold) =>
        Filter(fragments, affinities, averagedChannels, threshold, 1.0);

    /// <summary>As the float overload, over uint8 affinities meaning <c>value / 255</c>.</summary>
    /// <inheritdoc cref="FilterByMeanAffinity(Span{ulong}, ReadOnlySpan{float}, int, double)"/>
    public static int FilterByMeanAffinity(Span<ulong> fragments, ReadOnlySpan<byte> affinities, int averagedChannels, double threshold) =>
        Filter(fragments, affinities, averagedChannels, threshold, 1.0 / 255.0);

    /// <summary>volara's <c>remove_debris</c>: fragments with fewer than <paramref name="minimumSize"/> voxels become 0.</summary>
    /// <returns>The number of non-zero fragment ids removed.</returns>
    public static int RemoveDebris(Span<ulong> fragments, long minimumSize)
    {
        // A watershed's own labels are small consecutive ids: count them in a flat table instead of a hash map.
        ulong largest = fragments.IsEmpty ? 0 : TensorPrimitives.Max<ulong>(fragments);
        if (largest < (ulong)Math.Max(1024, fragments.Length))
        {
            return RemoveSmallIds(fragments, minimumSize, (int)largest);
        }

        var index = new FragmentIndex(fragments);
        var sizes = new long[index.Count];
        foreach (int i in index.IndexOfVoxel)
        {
            sizes[i]++;
        }

        var remove = new bool[index.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            remove[i] = sizes[i] < minimumSize;
        }

        return index.Remove(fragments, remove);
    }

    private static int RemoveSmallIds(Span<ulong> fragments, long minimumSize, int largest)
    {
        using var sizes = ScratchMemory.Rent<int>(largest + 1);
        var size = sizes.Span;
        size.Clear();
        foreach (ulong id in fragments)
        {
            size[(int)id]++;
        }

        // From here on a size of -1 marks an id to remove (id 0 is background and never counted as removed).
        int removed = 0;
        for (int id = 1; id <= largest; id++)
        {
            if (size[id] > 0 && size[id] < minimumSize)
            {
                size[id] = -1;
                removed++;
            }
        }

        if (removed == 0)
        {
            return 0;
        }

        for (int p = 0; p < fragments.Length; p++)
        {
            if (size[(int)fragments[p]] < 0)
            {
                fragments[p] = 0;
            }
        }

        return removed;
    }

    private static int Filter<T>(Span<ulong> fragments, ReadOnlySpan<T> affinities, int averagedChannels, double threshold, double scale)
        where T : unmanaged, INumberBase<T>
    {
        int n = fragments.Length;
        if (averagedChannels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(averagedChannels), averagedChannels, "at least one channel must be averaged");
        }

        if (n == 0)
        {
            return 0;
        }

        if (affinities.Length % n != 0 || affinities.Length / n < averagedChannels)
        {
            throw new ArgumentException($"affinities hold {affinities.Length} values: not channel-first planes of the {n} fragment voxels with at least {averagedChannels} channels", nameof(affinities));
        }

        var index = new FragmentIndex(fragments);
        var sums = new double[index.Count];
        var counts = new long[index.Count];
        for (int p = 0; p < n; p++)
        {
            double voxel = 0;
            for (int k = 0; k < averagedChannels; k++)
            {
                voxel += double.CreateTruncating(affinities[(k * n) + p]);
            }

            int i = index.IndexOfVoxel[p];
            sums[i] += voxel * scale / averagedChannels;
            counts[i]++;
        }

        var remove = new bool[index.Count];
        for (int i = 0; i < remove.Length; i++)
        {
            remove[i] = sums[i] / counts[i] < threshold;
        }

        return index.Remove(fragments, remove);
    }

    /// <summary>Dense indices of the distinct ids of a block (runs of equal ids skip the dictionary).</summary>
    private sealed class FragmentIndex
    {
        private readonly List<ulong> _ids = [];

        public FragmentIndex(ReadOnlySpan<ulong> fragments)
        {
            IndexOfVoxel = new int[fragments.Length];
            var indexOf = new Dictionary<ulong, int>();
            ulong last = 0;
            int lastIndex = -1;
            for (int p = 0; p < fragments.Length; p++)
            {
                ulong id = fragments[p];
                if (id != last || lastIndex < 0)
                {
                    if (!indexOf.TryGetValue(id, out lastIndex))
                    {
                        lastIndex = _ids.Count;
                        _ids.Add(id);
                        indexOf.Add(id, lastIndex);
                    }

                    last = id;
                }

                IndexOfVoxel[p] = lastIndex;
            }
        }

        public int[] IndexOfVoxel { get; }

        public int Count => _ids.Count;

        /// <summary>Sets the voxels of the flagged ids to 0; returns how many non-zero ids were flagged.</summary>
        public int Remove(Span<ulong> fragments, bool[] remove)
        {
            int removed = 0;
            for (int i = 0; i < remove.Length; i++)
            {
                if (remove[i] && _ids[i] != 0)
                {
                    removed++;
                }
            }

            if (removed == 0)
            {
                return 0;
            }

            for (int p = 0; p < fragments.Length; p++)
            {
                if (remove[IndexOfVoxel[p]])
                {
                    fragments[p] = 0;
                }
            }

            return removed;
        }
    }
}
