using Volara.Runtime.Geometry;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tests.Tasks;

public sealed class ExtractFragsKernelTests
{
    private static readonly Coordinate[] Direct2D = [new(1L, 0L), new(0L, 1L)];

    [Fact]
    public void QuadrantsBecomeFourFragmentsInRasterOrder()
    {
        // volara's affs_2d fixture: 1 inside quadrants, 0 across their borders and in the last row/column.
        var quadrants = new ulong[100];
        for (int i = 0; i < 100; i++)
        {
            quadrants[i] = (ulong)(((i / 10 / 5) * 2) + (i % 10 / 5) + 1);
        }

        var affs = SegmentationReference.Affinities(quadrants, [10, 10], Direct2D).Select(b => b / 255f).ToArray();
        var frags = new ulong[100];
        var nodes = Run<float>(affs, [10, 10], [0, 0], [10, 10], Settings(Direct2D, [-0.5, -0.5]), 0, frags);

        Assert.Equal(quadrants, frags);
        Assert.Equal([1UL, 2UL, 3UL, 4UL], nodes.Ids);
        Assert.Equal([25L, 25L, 25L, 25L], nodes.Sizes);
        long[][] centres = [[2, 2], [2, 7], [7, 2], [7, 7]];
        for (int node = 0; node < 4; node++)
        {
            Assert.Equal(centres[node], new[] { nodes.Centroid(node, 0), nodes.Centroid(node, 1) });
        }
    }

    public static TheoryData<int[], int[], int[], bool> NoiseFreeCases => new()
    {
        // read shape, write offset, write shape, uint8
        { [12, 14], [0, 0], [12, 14], true },
        { [12, 14], [2, 3], [8, 8], false },
        { [8, 10, 12], [1, 2, 2], [6, 6, 8], true },
        { [8, 10, 12], [0, 0, 0], [8, 10, 12], false },
    };

    [Theory]
    [MemberData(nameof(NoiseFreeCases))]
    public void NoiseFreeAffinitiesGiveTheGroundTruthComponents(int[] readShape, int[] writeOffset, int[] writeShape, bool bytes)
    {
        int dims = readShape.Length;
        var offsets = Neighbourhood(dims);
        var truth = SegmentationReference.Blobs(readShape, 3, 5, seed: dims * 10 + (bytes ? 1 : 0));
        var affs = SegmentationReference.Affinities(truth, readShape, offsets);
        var bias = offsets.Select(o => IsDirect(o) ? -0.4 : -0.7).ToList();
        var settings = Settings(offsets, bias) with { IdsPerBlock = 10_000 };
        var frags = new ulong[writeShape.Aggregate(1, (a, b) => a * b)];
        var nodes = bytes
            ? Run<byte>(affs, readShape, writeOffset, writeShape, settings, 3, frags)
            : Run<float>(affs.Select(b => b / 255f).ToArray(), readShape, writeOffset, writeShape, settings, 3, frags);

        var expected = SegmentationReference.FullComponents(
            SegmentationReference.Crop(SegmentationReference.AttractiveClusters(truth, readShape, offsets), readShape, writeOffset, writeShape),
            writeShape);
        Assert.True(SegmentationReference.SamePartition(expected, frags, out var difference), difference);
        // Ids: block 3's range, numbered 1..n in raster order of first voxel, as the reference numbers them.
        Assert.Equal(expected.Select(e => e == 0 ? 0 : e + 30_000), frags);
        Assert.Equal((int)expected.Max(), nodes.Count);
        for (int node = 0; node < nodes.Count; node++)
        {
            Assert.Equal(expected.Count(e => e == (ulong)node + 1), nodes.Sizes[node]);
        }
    }

    [Fact]
    public void StridedFragmentsNeverCrossGroundTruthBorders()
    {
        int[] shape = [10, 16, 16];
        var offsets = Neighbourhood(3);
        var truth = SegmentationReference.Blobs(shape, 4, 6, seed: 3);
        var affs = SegmentationReference.Affinities(truth, shape, offsets);
        Coordinate[] strides = [.. offsets.Select(o => IsDirect(o) ? new Coordinate(1L, 1L, 1L) : new Coordinate(1L, 2L, 2L))];
        foreach (bool randomized in new[] { false, true })
        {
            var settings = Settings(offsets, [.. offsets.Select(_ => -0.5)]) with { Strides = strides, RandomizedStrides = randomized, IdsPerBlock = 4096 };
            var frags = new ulong[truth.Length];
            Run<byte>(affs, shape, [0, 0, 0], shape, settings, 0, frags);
            var truthOf = new Dictionary<ulong, ulong>();
            for (int i = 0; i < frags.Length; i++)
            {
                if (frags[i] != 0)
                {
                    Assert.NotEqual(0UL, truth[i]);
                    Assert.Equal(truthOf.GetValueOrDefault(frags[i], truth[i]), truth[i]);
                    truthOf[frags[i]] = truth[i];
                }
            }
        }
    }

    [Fact]
    public void EmptyBlockWritesNothing()
    {
        var frags = Enumerable.Repeat(9UL, 16).ToArray();
        var nodes = Run<byte>(new byte[32], [4, 4], [0, 0], [4, 4], Settings(Direct2D, [-0.5, -0.5]), 5, frags);
        Assert.Equal(0, nodes.Count);
        Assert.All(frags, f => Assert.Equal(0UL, f));
    }

    [Fact]
    public void DebrisBelowTheMinimumSizeBecomesBackground()
    {
        // A 3-voxel object and a 6-voxel object on background.
        var truth = new ulong[24];
        truth[0] = truth[1] = truth[2] = 1;
        for (int i = 12; i < 18; i++)
        {
            truth[i] = 2;
        }

        var affs = SegmentationReference.Affinities(truth, [4, 6], Direct2D);
        var frags = new ulong[24];
        var nodes = Run<byte>(affs, [4, 6], [0, 0], [4, 6], Settings(Direct2D, [-0.5, -0.5]) with { RemoveDebris = 4 }, 0, frags);

        Assert.Equal(1, nodes.Count);
        Assert.Equal(6, nodes.Sizes[0]);
        Assert.Equal(truth.Select(t => t == 2 ? 1UL : 0UL), frags);
    }

    [Fact]
    public void NoiseIsReproduciblePerBlockAndLeavesTheInputAlone()
    {
        var random = new Random(7);
        var affs = Enumerable.Range(0, 2 * 256).Select(_ => (float)random.NextDouble()).ToArray();
        var copy = affs.ToArray();
        var settings = Settings(Direct2D, [-0.5, -0.5]) with { NoiseEps = 0.5, IdsPerBlock = 256 };

        ulong[] Frags(ulong block)
        {
            var frags = new ulong[256];
            Run<float>(affs, [16, 16], [0, 0], [16, 16], settings, block, frags);
            return [.. frags.Select(f => f == 0 ? 0 : f - (block * 256))];
        }

        Assert.Equal(Frags(4), Frags(4));
        Assert.NotEqual(Frags(4), Frags(5));
        Assert.Equal(copy, affs);
    }

    [Fact]
    public void SigmaSmoothsTheWatershedInputOnly()
    {
        var random = new Random(3);
        int[] shape = [12, 12];
        var affs = Enumerable.Range(0, 2 * 144).Select(_ => (float)random.NextDouble()).ToArray();
        var smoothed = new float[affs.Length];
        Volara.Runtime.Segmentation.GaussianFilter.ApplyPerChannel(affs, 2, shape, [1.0, 2.0], smoothed);
        var settings = Settings(Direct2D, [-0.5, -0.5]) with { IdsPerBlock = 144 };

        var withSigma = new ulong[144];
        Run<float>(affs, shape, [0, 0], shape, settings with { Sigma = [1.0, 2.0] }, 0, withSigma);
        var presmoothed = new ulong[144];
        Run<float>(smoothed, shape, [0, 0], shape, settings, 0, presmoothed);
        var plain = new ulong[144];
        Run<float>(affs, shape, [0, 0], shape, settings, 0, plain);

        Assert.Equal(presmoothed, withSigma);
        Assert.NotEqual(plain, withSigma);
    }

    [Fact]
    public void IdsThatOverflow64BitsAreRefused()
    {
        var affs = Enumerable.Repeat((byte)255, 32).ToArray();
        var error = Assert.Throws<OverflowException>(() =>
            Run<byte>(affs, [4, 4], [0, 0], [4, 4], Settings(Direct2D, [-0.5, -0.5]) with { IdsPerBlock = 1UL << 40 }, 1UL << 30, new ulong[16]));
        Assert.Contains("block", error.Message);
    }

    internal static bool IsDirect(Coordinate offset)
    {
        long length = 0;
        for (int d = 0; d < offset.Dims; d++)
        {
            length += Math.Abs(offset.ValueAt(d));
        }

        return length == 1;
    }

    internal static List<Coordinate> Neighbourhood(int dims)
    {
        var offsets = new List<Coordinate>();
        foreach (int length in new[] { 1, 3 })
        {
            for (int d = 0; d < dims; d++)
            {
                var values = new long[dims];
                values[d] = length;
                offsets.Add(new Coordinate(values));
            }
        }

        return offsets;
    }

    private static ExtractFragsSettings Settings(IReadOnlyList<Coordinate> offsets, IReadOnlyList<double> bias) =>
        new() { Offsets = offsets, Bias = bias, IdsPerBlock = 100 };

    private static FragmentNodes Run<T>(T[] affs, int[] readShape, int[] writeOffset, int[] writeShape, ExtractFragsSettings settings, ulong block, ulong[] frags)
        where T : unmanaged, System.Numerics.INumber<T> =>
        ExtractFragsKernel.Run<T>(affs, default, new VoxelGrid(readShape), writeOffset, new VoxelGrid(writeShape), settings, block, frags);
}
