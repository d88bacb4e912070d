using System.Numerics;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>ExtractFrags' post-filters over a read block: <c>filter_fragments</c> and <c>remove_debris</c>.</summary>
internal static class FragmentCleanup
{
    /// <summary>Fragments with fewer than <paramref name="minimumSize"/> voxels become 0 (an exact "size &lt; threshold").</summary>
    public static void RemoveDebris(Span<ulong> labels, long minimumSize)
    {
        var ids = new UInt64IndexMap();
        var sizes = new List<long>();
        var slots = Slots(labels, ids, sizes);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0)
            {
                sizes[slots[i]]++;
            }
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0 && sizes[slots[i]] < minimumSize)
            {
                labels[i] = 0;
            }
        }
    }

    /// <summary>
    /// Fragments whose mean, over their voxels, of the average of the first <paramref name="averaged"/> channels
    /// (the direct neighbours) is below <paramref name="threshold"/> become 0; values are multiplied by
    /// <paramref name="scale"/> first.
    /// </summary>
    public static void FilterByMeanAffinity<T>(Span<ulong> labels, ReadOnlySpan<T> affs, int averaged, double scale, double threshold)
        where T : unmanaged, INumber<T>
    {
        int voxels = labels.Length;
        var ids = new UInt64IndexMap();
        var sizes = new List<long>();
        var slots = Slots(labels, ids, sizes);
        var sums = new double[sizes.Count];
        for (int i = 0; i < voxels; i++)
        {
            if (labels[i] == 0)
            {
                continue;
            }

            double mean = 0;
            for (int c = 0; c < averaged; c++)
            {
                mean += double.CreateTruncating(affs[(c * voxels) + i]);
            }

            sums[slots[i]] += mean * scale / averaged;
            sizes[slots[i]]++;
        }

        for (int i = 0; i < voxels; i++)
        {
            if (labels[i] != 0 && sums[slots[i]] / sizes[slots[i]] < threshold)
            {
                labels[i] = 0;
            }
        }
    }

    /// <summary>Dense slot of every non-zero voxel's label (one counter per label added to <paramref name="sizes"/>).</summary>
    private static int[] Slots(ReadOnlySpan<ulong> labels, UInt64IndexMap ids, List<long> sizes)
    {
        var slots = new int[labels.Length];
        ulong last = 0;
        int lastSlot = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            ulong label = labels[i];
            if (label == 0)
            {
                continue;
            }

            if (label != last)
            {
                last = label;
                lastSlot = ids.GetOrAdd(label);
                if (lastSlot == sizes.Count)
                {
                    sizes.Add(0);
                }
            }

            slots[i] = lastSlot;
        }

        return slots;
    }
}
