using System.Runtime.InteropServices;

namespace Volara.Runtime.Evaluation;

/// <summary>
/// Voxel counts per (segmentation id, ground-truth id) pair — everything the segmentation scores need. Built
/// block by block (<see cref="Add(ReadOnlySpan{ulong}, ReadOnlySpan{ulong})"/>) and merged across blocks or threads (<see cref="Merge"/>), so the volume
/// never has to fit in memory: the table grows with the number of overlapping pairs, not with the voxels.
/// Not thread-safe: give each thread its own table and merge them.
/// </summary>
public sealed class ContingencyTable
{
    private readonly Dictionary<LabelPair, long> counts = [];

    /// <summary>Voxels counted.</summary>
    public long Total { get; private set; }

    /// <summary>Distinct (segmentation, ground truth) pairs.</summary>
    public int PairCount => counts.Count;

    /// <summary>The (segmentation, ground truth, voxels) entries, in no particular order.</summary>
    public IEnumerable<(ulong Segment, ulong GroundTruth, long Voxels)> Entries
    {
        get
        {
            foreach (var (pair, count) in counts)
            {
                yield return (pair.Segment, pair.GroundTruth, count);
            }
        }
    }

    /// <summary>Counts the voxels of one block: <paramref name="segmentation"/>[i] and <paramref name="groundTruth"/>[i] label the same voxel.</summary>
    public void Add(ReadOnlySpan<ulong> segmentation, ReadOnlySpan<ulong> groundTruth)
    {
        if (segmentation.Length != groundTruth.Length)
        {
            throw new ArgumentException($"segmentation has {segmentation.Length} voxels, ground truth {groundTruth.Length}");
        }

        int i = 0;
        while (i < segmentation.Length)
        {
            // Labels come in runs along x: count a run of one pair with one dictionary update.
            ulong segment = segmentation[i], truth = groundTruth[i];
            int start = i++;
            while (i < segmentation.Length && segmentation[i] == segment && groundTruth[i] == truth)
            {
                i++;
            }

            CollectionsMarshal.GetValueRefOrAddDefault(counts, new LabelPair(segment, truth), out _) += i - start;
        }

        Total += segmentation.Length;
    }

    /// <summary>Adds <paramref name="voxels"/> voxels labelled <paramref name="segment"/> and <paramref name="groundTruth"/> (e.g. read back from a stored table).</summary>
    public void Add(ulong segment, ulong groundTruth, long voxels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(voxels);
        CollectionsMarshal.GetValueRefOrAddDefault(counts, new LabelPair(segment, groundTruth), out _) += voxels;
        Total += voxels;
    }

    /// <summary>Adds another table's counts to this one.</summary>
    public void Merge(ContingencyTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (pair, count) in other.counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, pair, out _) += count;
        }

        Total += other.Total;
    }

    /// <summary>Voxels labelled <paramref name="segment"/> in the segmentation and <paramref name="groundTruth"/> in the ground truth.</summary>
    public long this[ulong segment, ulong groundTruth] => counts.GetValueOrDefault(new LabelPair(segment, groundTruth));

    private readonly record struct LabelPair(ulong Segment, ulong GroundTruth)
    {
        public override int GetHashCode() => HashCode.Combine(Segment, GroundTruth);
    }
}
