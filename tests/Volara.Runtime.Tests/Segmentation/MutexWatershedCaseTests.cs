using Volara.Runtime.Geometry;
using Volara.Runtime.Segmentation;

namespace Volara.Runtime.Tests.Segmentation;

/// <summary>The spec's pinned cases for the mutex watershed (volara's tests and mwatershed's rules).</summary>
public sealed class MutexWatershedCaseTests
{
    private static readonly List<Coordinate> Nhood2D = [new(1, 0), new(0, 1)];

    private static ulong[] Quadrants()
    {
        var labels = new ulong[100];
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                labels[(y * 10) + x] = (ulong)(1 + (y < 5 ? 0 : 2) + (x < 5 ? 0 : 1));
            }
        }

        return labels;
    }

    private static float[] AffinitiesOf(ulong[] segmentation, int[] shape, List<Coordinate> offsets)
    {
        var bytes = new byte[offsets.Count * segmentation.Length];
        SegmentationAffinities.Compute(segmentation, shape, offsets, bytes);
        return bytes.Select(b => (float)b).ToArray();
    }

    [Fact]
    public void QuadrantAffinitiesGiveTheFourQuadrants()
    {
        var truth = Quadrants();
        var affinities = AffinitiesOf(truth, [10, 10], Nhood2D);
        var labels = new ulong[100];
        int count = MutexWatershed.Agglomerate(affinities, [10, 10], Nhood2D, [-0.5, -0.5], labels);

        // Fresh ids in C order of each segment's first voxel: exactly the quadrant numbering.
        Assert.Equal(4, count);
        Assert.Equal(truth, labels);
    }

    [Fact]
    public void StripesWithoutBackgroundComeBackAsStripes()
    {
        // Every row its own id, no zero anywhere: every voxel has an attractive edge along its row.
        var truth = Enumerable.Range(0, 100).Select(i => (ulong)(i / 10) + 7).ToArray();
        var offsets = new List<Coordinate> { new(-1, 0), new(0, -1), new(-3, 0), new(0, -3) };
        var affinities = AffinitiesOf(truth, [10, 10], offsets);
        var labels = new ulong[100];
        MutexWatershed.Agglomerate(affinities, [10, 10], offsets, [-0.5, -0.5, -0.7, -0.7], labels);

        Assert.DoesNotContain(0UL, labels);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (ulong)(i / 10) + 1), labels);
    }

    [Fact]
    public void VoxelsWithoutAttractiveEdgesAreBackgroundAndTheFirstVoxelGetsARealId()
    {
        // A line of 5: pairs (0,1) and (1,2) repel, (2,3) attracts, (3,4) repels; the last value pairs with
        // nothing. Voxels 0, 1 and 4 have no attractive edge.
        var affinities = new float[] { 0, -0.9f, 0.8f, -0.3f, 0.7f };
        var labels = new ulong[5];
        MutexWatershed.Agglomerate(affinities, [5], [new Coordinate(1)], default, labels);
        Assert.Equal(new ulong[] { 0, 0, 1, 1, 0 }, labels);

        // Voxel 0 has an attractive edge whose merge a stronger mutex blocks: a singleton, but not background
        // (mwatershed labelled it 0 because its representative index is 0).
        var blocked = new float[] { 0.2f, 0.5f, 0, -0.9f, 0, 0 };
        var offsets = new List<Coordinate> { new(1), new(2) };
        var result = new ulong[3];
        MutexWatershed.Agglomerate(blocked, [3], offsets, default, result);
        Assert.Equal(new ulong[] { 1, 2, 2 }, result);
    }

    [Fact]
    public void ZeroAffinityRepels()
    {
        var labels = new ulong[3];
        MutexWatershed.Agglomerate(new float[] { 0, 0.5f, 0 }, [3], [new Coordinate(1)], default, labels);
        Assert.Equal(new ulong[] { 0, 1, 1 }, labels);
    }

    [Fact]
    public void SeedsKeepTheirValuesAndNeverMerge()
    {
        // A uniformly attractive 6×6 square with two seeds: each voxel joins one of them, ids near 4e9 survive.
        ulong left = 4_000_000_001UL, right = ulong.MaxValue - 1;
        var seeds = new ulong[36];
        seeds[(2 * 6) + 0] = left;
        seeds[(3 * 6) + 0] = left;
        seeds[(2 * 6) + 5] = right;
        var affinities = Enumerable.Repeat(0.9f, 2 * 36).ToArray();
        var labels = new ulong[36];
        int count = MutexWatershed.Agglomerate(affinities, [6, 6], Nhood2D, default, labels, seeds);

        Assert.Equal(2, count);
        Assert.Equal(new[] { left, right }.Order(), labels.Distinct().Order());
        Assert.Equal(left, labels[(3 * 6) + 0]);
        Assert.Equal(right, labels[(2 * 6) + 5]);
    }

    [Fact]
    public void FreshIdsSkipSeedValues()
    {
        // Three separate pairs (repulsive between pairs); the middle pair is seeded with 1.
        var affinities = new float[] { 0.9f, -0.9f, 0.9f, -0.9f, 0.9f, 0 };
        var seeds = new ulong[] { 0, 0, 1, 0, 0, 0 };
        var labels = new ulong[6];
        MutexWatershed.Agglomerate(affinities, [6], [new Coordinate(1)], default, labels, seeds);
        Assert.Equal(new ulong[] { 2, 2, 1, 1, 3, 3 }, labels);
    }

    [Fact]
    public void NaNAndMismatchedSizesAreRejectedWithTheirNames()
    {
        var labels = new ulong[3];
        var nan = Assert.Throws<ArgumentException>(() => MutexWatershed.Agglomerate(new[] { 0.5f, float.NaN, 0 }, [3], [new Coordinate(1)], default, labels));
        Assert.Contains("NaN", nan.Message);
        var size = Assert.Throws<ArgumentException>(() => MutexWatershed.Agglomerate(new float[4], [3], [new Coordinate(1)], default, labels));
        Assert.Contains("affinities", size.Message);
        var dims = Assert.Throws<ArgumentException>(() => MutexWatershed.Agglomerate(new float[3], [3], [new Coordinate(1, 0)], default, labels));
        Assert.Contains("offset 0", dims.Message);
        var strides = Assert.Throws<ArgumentException>(() => MutexWatershed.Agglomerate(new float[3], [3], [new Coordinate(1)], default, labels, default, new MutexWatershedOptions { Strides = [new Coordinate(0)] }));
        Assert.Contains("stride 0", strides.Message);
    }

    [Fact]
    public void GraphTiePinDependsOnEnumerationOrder()
    {
        // volara's pin: scores (1,2)=+0.5, (1,3)=−1.0, (2,3)=+0.5 in networkx enumeration order ⇒ {1,2},{3}.
        var pinned = MutexWatershed.Cluster([1UL, 1, 2], [2UL, 3, 3], [0.5, -1.0, 0.5]);
        Assert.Equal(new ulong[] { 1, 2, 3 }, pinned.Fragments);
        Assert.Equal(new ulong[] { 1, 1, 3 }, pinned.Segments);

        // The stable sort keeps input order among ties: listing (2,3) first merges it first.
        var reversed = MutexWatershed.Cluster([2UL, 1, 1], [3UL, 2, 3], [0.5, 0.5, -1.0]);
        Assert.Equal(new ulong[] { 1, 2, 3 }, reversed.Fragments);
        Assert.Equal(new ulong[] { 1, 2, 2 }, reversed.Segments);
    }

    [Fact]
    public void GraphClusteringKeepsLargeIdsAndAppliesThePrefixFirst()
    {
        ulong a = 4_000_000_000UL, b = 4_000_000_123UL, c = ulong.MaxValue;
        // Without a prefix the repulsive edge wins; a starting-LUT prefix merges b and c first.
        var plain = MutexWatershed.Cluster([b, a], [c, b], [-0.9, 0.5]);
        Assert.Equal(new[] { a, b, c }, plain.Fragments);
        Assert.Equal(new[] { a, a, c }, plain.Segments);

        var prefixed = MutexWatershed.Cluster([b, a], [c, b], [-0.9, 0.5], [new MwsEdge(b, c, true)]);
        Assert.Equal(new[] { a, a, a }, prefixed.Segments);

        var merge = MutexWatershed.Cluster([1UL], [2UL], [0.5]);
        Assert.Equal(new ulong[] { 1, 1 }, merge.Segments);
        var split = MutexWatershed.Cluster([1UL], [2UL], [-0.5]);
        Assert.Equal(new ulong[] { 1, 2 }, split.Segments);
        Assert.Equal(0, MutexWatershed.Cluster([], [], []).Count);
        Assert.Throws<ArgumentException>(() => MutexWatershed.Cluster([1UL], [2UL], [double.NaN]));
    }
}
