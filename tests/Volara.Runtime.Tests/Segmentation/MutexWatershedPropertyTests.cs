using Volara.Runtime.Geometry;
using Volara.Runtime.Segmentation;

namespace Volara.Runtime.Tests.Segmentation;

/// <summary>The fast mutex watershed agrees exactly with the plain reference on random inputs.</summary>
public sealed class MutexWatershedPropertyTests
{
    private sealed record Case(int[] Shape, List<Coordinate> Offsets, double[] Bias, List<Coordinate>? Strides, ulong[]? Seeds, float[] Affinities);

    private static Case RandomCase(int seed, bool withStrides, bool withSeeds, bool fewLevels)
    {
        var rng = new Random(seed);
        int dims = rng.Next(2, 4);
        var shape = Enumerable.Range(0, dims).Select(_ => rng.Next(2, dims == 2 ? 11 : 7)).ToArray();
        int n = shape.Aggregate(1, (a, b) => a * b);
        var offsets = new List<Coordinate>();
        for (int d = 0; d < dims; d++)
        {
            var unit = new long[dims];
            unit[d] = -1;
            offsets.Add(new Coordinate(unit));
        }

        int extra = rng.Next(0, 5);
        for (int i = 0; i < extra; i++)
        {
            offsets.Add(new Coordinate(Enumerable.Range(0, dims).Select(_ => (long)rng.Next(-4, 5)).ToArray()));
        }

        var bias = offsets.Select((_, k) => k < dims ? -rng.Next(2, 6) / 10.0 : -rng.Next(3, 9) / 10.0).ToArray();
        var strides = withStrides
            ? offsets.Select(_ => new Coordinate(Enumerable.Range(0, dims).Select(_ => (long)rng.Next(1, 4)).ToArray())).ToList()
            : null;
        // Few levels make many exact ties, which pins the documented tie order.
        var affinities = Enumerable.Range(0, offsets.Count * n)
            .Select(_ => fewLevels ? rng.Next(0, 6) / 5f : (float)rng.NextDouble())
            .ToArray();
        ulong[]? seeds = null;
        if (withSeeds)
        {
            seeds = new ulong[n];
            int count = rng.Next(1, 5);
            for (int i = 0; i < count; i++)
            {
                seeds[rng.Next(n)] = (ulong)rng.Next(1, 4) * 1_000_000_007UL;
            }
        }

        return new Case(shape, offsets, bias, strides, seeds, affinities);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    public void FloatAffinitiesMatchTheReference(bool withStrides, bool withSeeds, bool fewLevels)
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var c = RandomCase(seed, withStrides, withSeeds, fewLevels);
            int n = c.Affinities.Length / c.Offsets.Count;
            var labels = new ulong[n];
            int count = MutexWatershed.Agglomerate(c.Affinities, c.Shape, c.Offsets, c.Bias, labels, c.Seeds, new MutexWatershedOptions { Strides = c.Strides });

            var edges = ReferenceMutexWatershed.GridEdges((k, p) => (float)(c.Affinities[(k * n) + p] + c.Bias[k]), c.Shape, c.Offsets, c.Strides, false, 0);
            var expected = ReferenceMutexWatershed.Agglomerate(n, edges, c.Seeds);
            Assert.True(expected.SequenceEqual(labels), $"case {seed}: expected [{string.Join(",", expected)}] got [{string.Join(",", labels)}]");
            Assert.Equal(expected.Where(l => l != 0).Distinct().Count(), count);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ByteAffinitiesMatchTheReferenceAndTheFloatPath(bool withStrides, bool withSeeds)
    {
        for (int seed = 100; seed < 140; seed++)
        {
            var c = RandomCase(seed, withStrides, withSeeds, fewLevels: false);
            var rng = new Random(seed);
            // Values around the biases' zero crossing, with repeats, so both signs and ties occur.
            var bytes = c.Affinities.Select(_ => (byte)rng.Next(60, 200)).ToArray();
            int n = bytes.Length / c.Offsets.Count;
            var options = new MutexWatershedOptions { Strides = c.Strides };
            var labels = new ulong[n];
            MutexWatershed.Agglomerate(bytes, c.Shape, c.Offsets, c.Bias, labels, c.Seeds, options);

            var edges = ReferenceMutexWatershed.GridEdges((k, p) => (float)((bytes[(k * n) + p] / 255f) + c.Bias[k]), c.Shape, c.Offsets, c.Strides, false, 0);
            var expected = ReferenceMutexWatershed.Agglomerate(n, edges, c.Seeds);
            Assert.True(expected.SequenceEqual(labels), $"case {seed}");

            var asFloat = new ulong[n];
            MutexWatershed.Agglomerate(bytes.Select(b => b / 255f).ToArray(), c.Shape, c.Offsets, c.Bias, asFloat, c.Seeds, options);
            Assert.Equal(labels, asFloat);
        }
    }

    [Fact]
    public void RandomizedStridesMatchTheReferenceAndRepeatPerSeed()
    {
        for (int seed = 200; seed < 230; seed++)
        {
            var c = RandomCase(seed, withStrides: true, withSeeds: false, fewLevels: false);
            int n = c.Affinities.Length / c.Offsets.Count;
            var options = new MutexWatershedOptions { Strides = c.Strides, RandomizedStrides = true, RandomSeed = (ulong)seed * 77 };
            var labels = new ulong[n];
            MutexWatershed.Agglomerate(c.Affinities, c.Shape, c.Offsets, c.Bias, labels, default, options);

            var edges = ReferenceMutexWatershed.GridEdges((k, p) => (float)(c.Affinities[(k * n) + p] + c.Bias[k]), c.Shape, c.Offsets, c.Strides, true, options.RandomSeed);
            Assert.Equal(ReferenceMutexWatershed.Agglomerate(n, edges, null), labels);

            var again = new ulong[n];
            MutexWatershed.Agglomerate(c.Affinities, c.Shape, c.Offsets, c.Bias, again, default, options);
            Assert.Equal(labels, again);
        }
    }

    [Fact]
    public void RandomizedStridesKeepAboutOneEdgeInProductOfStrideAndDependOnTheSeed()
    {
        int[] shape = [40, 40];
        var offsets = new List<Coordinate> { new(0, -3) };
        var strides = new List<Coordinate> { new(2, 3) };
        var first = ReferenceMutexWatershed.GridEdges((_, _) => 1, shape, offsets, strides, true, 1);
        var second = ReferenceMutexWatershed.GridEdges((_, _) => 1, shape, offsets, strides, true, 2);
        int candidates = 40 * 37;
        Assert.InRange(first.Count, candidates / 6 * 0.8, candidates / 6 * 1.2);
        Assert.NotEqual(first.Select(e => e.Position), second.Select(e => e.Position));
    }

    [Fact]
    public void GraphClusteringMatchesTheReference()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            var rng = new Random(seed);
            int nodes = rng.Next(2, 30);
            var ids = Enumerable.Range(0, nodes).Select(_ => (ulong)rng.NextInt64() * 3).Distinct().ToArray();
            int count = rng.Next(0, 80);
            var u = new ulong[count];
            var v = new ulong[count];
            var w = new double[count];
            for (int i = 0; i < count; i++)
            {
                u[i] = ids[rng.Next(ids.Length)];
                v[i] = ids[rng.Next(ids.Length)];
                w[i] = rng.Next(-4, 5) / 4.0; // ties and zeros (zero repels)
            }

            var result = MutexWatershed.Cluster(u, v, w);
            var stable = Enumerable.Range(0, count).OrderByDescending(i => Math.Abs(w[i])).Select(i => (u[i], v[i], w[i] > 0));
            var expected = ReferenceMutexWatershed.Cluster(stable);
            Assert.Equal(expected.Count, result.Count);
            for (int i = 0; i < result.Count; i++)
            {
                Assert.Equal(expected[result.Fragments[i]], result.Segments[i]);
            }
        }
    }
}
