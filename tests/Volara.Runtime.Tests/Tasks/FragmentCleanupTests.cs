using Volara.Runtime.Segmentation;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>The segment utilities as ExtractFrags relies on them (volara's filter_fragments, remove_debris, block relabel).</summary>
public sealed class FragmentCleanupTests
{
    [Fact]
    public void FilterDropsFragmentsWithLowMeanDirectAffinity()
    {
        // Rows 0-2 id 1 (affinity 0.1), 3-5 id 2 (0.5), 6-9 id 3 (0.9); two direct channels.
        var labels = new ulong[100];
        var affs = new float[200];
        for (int i = 0; i < 100; i++)
        {
            int row = i / 10;
            labels[i] = row < 3 ? 1UL : row < 6 ? 2UL : 3UL;
            affs[i] = affs[100 + i] = row < 3 ? 0.1f : row < 6 ? 0.5f : 0.9f;
        }

        var filtered = labels.ToArray();
        FragmentFilters.FilterByMeanAffinity(filtered, affs, 2, 0.3);
        Assert.Equal(labels.Select(l => l == 1 ? 0UL : l), filtered);

        var kept = labels.ToArray();
        FragmentFilters.FilterByMeanAffinity(kept, affs, 2, 0.05);
        Assert.Equal(labels, kept);
    }

    [Fact]
    public void FilterAveragesOnlyTheDirectChannels()
    {
        // Direct channels 0.1, a long-range channel 1.0: the mean over the direct ones is 0.1 < 0.25.
        var labels = Enumerable.Repeat(4UL, 16).ToArray();
        var affs = new byte[48];
        affs.AsSpan(0, 32).Fill(26);
        affs.AsSpan(32).Fill(255);
        FragmentFilters.FilterByMeanAffinity(labels, affs, 2, 0.25);
        Assert.All(labels, l => Assert.Equal(0UL, l));
    }

    [Fact]
    public void DebrisIsStrictlySmallerThanTheMinimum()
    {
        ulong[] labels = [5, 5, 5, 0, 9, 9, 9, 9, 7];
        var three = labels.ToArray();
        FragmentFilters.RemoveDebris(three, 3);
        Assert.Equal([5UL, 5, 5, 0, 9, 9, 9, 9, 0], three);
        var four = labels.ToArray();
        FragmentFilters.RemoveDebris(four, 4);
        Assert.Equal([0UL, 0, 0, 0, 9, 9, 9, 9, 0], four);
    }

    [Theory]
    [InlineData(1, new[] { 9, 11 })]
    [InlineData(2, new[] { 5, 7, 6 })]
    [InlineData(3, new[] { 40 })]
    [InlineData(4, new[] { 3, 4, 3, 5 })]
    public void ComponentsMatchAFullConnectivityReference(int seed, int[] shape)
    {
        var random = new Random(seed);
        var labels = new ulong[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (ulong)random.Next(0, 4) * 1_000_000_007UL;
        }

        var expected = SegmentationReference.FullComponents(labels, shape);
        int count = ConnectedComponents.Relabel(labels, shape, Connectivity.Full, labels);

        Assert.Equal(expected, labels);
        Assert.Equal((int)expected.Max(), count);
    }
}
