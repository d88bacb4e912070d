using System.Globalization;
using System.Text.Json;
using Volara.Runtime.Geometry;
using Volara.Runtime.Segmentation;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Segmentation;

/// <summary>Connected components, gaussian smoothing, fragment filters and segmentation affinities.</summary>
public sealed class SegmentUtilityTests
{
    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    [Theory]
    [InlineData(Connectivity.Face)]
    [InlineData(Connectivity.Full)]
    public void ConnectedComponentsMatchSkimageAndNumberInRasterOrder(Connectivity connectivity)
    {
        var rng = new Random(3);
        var cases = new List<(int[] Shape, ulong[] Labels)>();
        for (int i = 0; i < 6; i++)
        {
            int[] shape = i % 2 == 0 ? [rng.Next(3, 12), rng.Next(3, 12)] : [rng.Next(2, 6), rng.Next(2, 7), rng.Next(2, 8)];
            int n = shape.Aggregate(1, (a, b) => a * b);
            // Few large ids: equal neighbours are common, touching different ids too.
            var labels = Enumerable.Range(0, n).Select(_ => rng.Next(4) == 0 ? 0UL : 4_000_000_000UL + (ulong)rng.Next(3)).ToArray();
            cases.Add((shape, labels));
        }

        string script = """
            import json, sys
            import numpy as np
            from skimage.measure import label
            out = []
            for case in json.loads(sys.argv[1]):
                a = np.array(case["labels"], dtype=np.uint64).reshape(case["shape"])
                conn = 1 if sys.argv[2] == "face" else a.ndim
                out.append(label(a.astype(np.int64), background=0, connectivity=conn).ravel().tolist())
            print(json.dumps(out))
            """;
        string input = Json(cases.Select(c => new { shape = c.Shape, labels = c.Labels }));
        var expected = JsonSerializer.Deserialize<List<List<long>>>(ReferencePython.Run(script, input, connectivity == Connectivity.Face ? "face" : "full"))!;
        for (int i = 0; i < cases.Count; i++)
        {
            var output = new ulong[cases[i].Labels.Length];
            int count = ConnectedComponents.Relabel(cases[i].Labels, cases[i].Shape, connectivity, output);
            AssertSamePartition(expected[i].Select(v => (ulong)v).ToArray(), output);
            Assert.Equal(expected[i].Max(), count);
            // Ids 1..n appear for the first time in increasing order.
            var firsts = output.Where(v => v != 0).Distinct().ToList();
            Assert.Equal(Enumerable.Range(1, count).Select(v => (ulong)v), firsts);
        }
    }

    [Fact]
    public void ConnectedComponentsSplitPiecesAndKeepTouchingFragmentsApartInPlace()
    {
        // Id 5 in two pieces touching id 9: four face components; the diagonal 9s join only with full connectivity.
        ulong[] labels =
        [
            5, 5, 0, 5,
            9, 0, 0, 5,
            0, 9, 0, 0,
        ];
        var face = (ulong[])labels.Clone();
        Assert.Equal(4, ConnectedComponents.Relabel(face, [3, 4], Connectivity.Face, face));
        Assert.Equal(new ulong[] { 1, 1, 0, 2, 3, 0, 0, 2, 0, 4, 0, 0 }, face);
        var full = new ulong[12];
        Assert.Equal(3, ConnectedComponents.Relabel(labels, [3, 4], Connectivity.Full, full));
        Assert.Equal(new ulong[] { 1, 1, 0, 2, 3, 0, 0, 2, 0, 3, 0, 0 }, full);
    }

    [Fact]
    public void GaussianMatchesScipy()
    {
        var rng = new Random(11);
        var cases = new List<(int[] Shape, double[] Sigma, float[] Data)>
        {
            ([5, 6, 7], [0.7, 1.3, 2.1], []),
            ([3, 9], [2.5, 0.0], []),      // kernel far longer than the axis: repeated reflection
            ([4, 1, 8], [1.0, 3.0, 0.5], []),
            ([12], [1.7], []),
        };
        cases = cases.Select(c => (c.Shape, c.Sigma, Enumerable.Range(0, c.Shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)rng.NextDouble()).ToArray())).ToList();
        string script = """
            import json, sys
            import numpy as np
            from scipy.ndimage import gaussian_filter
            out = []
            for case in json.loads(sys.argv[1]):
                a = np.array(case["data"], dtype=np.float32).reshape(case["shape"])
                out.append(gaussian_filter(a, sigma=case["sigma"], mode="reflect", truncate=4.0).ravel().astype(float).tolist())
            print(json.dumps(out))
            """;
        string input = Json(cases.Select(c => new { shape = c.Shape, sigma = c.Sigma, data = c.Data }));
        var expected = JsonSerializer.Deserialize<List<List<double>>>(ReferencePython.Run(script, input))!;
        for (int i = 0; i < cases.Count; i++)
        {
            var output = new float[cases[i].Data.Length];
            GaussianFilter.Apply(cases[i].Data, cases[i].Shape, cases[i].Sigma, output);
            for (int p = 0; p < output.Length; p++)
            {
                Assert.True(Math.Abs(expected[i][p] - output[p]) < 1e-5, string.Create(CultureInfo.InvariantCulture, $"case {i} voxel {p}: scipy {expected[i][p]} ours {output[p]}"));
            }
        }
    }

    [Fact]
    public void GaussianPerChannelSmoothsChannelsApartAndWorksInPlace()
    {
        var data = new float[2 * 10];
        data[5] = 1; // channel 0 impulse; channel 1 stays zero
        GaussianFilter.ApplyPerChannel(data, 2, [10], [1.0], data);
        Assert.Equal(1.0, data.Take(10).Sum(), 5);
        Assert.All(data.Skip(10), v => Assert.Equal(0f, v));
        Assert.Equal(GaussianFilter.Kernel(1.0, 4.0)[4], data[5], 6); // centre weight (radius 4)
        Assert.Throws<ArgumentException>(() => GaussianFilter.Apply(new float[4], [4], [-1.0], new float[4]));
    }

    private static (ulong[] Fragments, float[] Affinities) Rows(params (int Rows, ulong Id, float Aff)[] bands)
    {
        var fragments = new List<ulong>();
        var affs = new List<float>();
        foreach (var (rows, id, aff) in bands)
        {
            fragments.AddRange(Enumerable.Repeat(id, rows * 10));
            affs.AddRange(Enumerable.Repeat(aff, rows * 10));
        }

        return ([.. fragments], [.. affs, .. affs]);
    }

    [Fact]
    public void FilterByMeanAffinityRemovesWeakFragments()
    {
        var (fragments, affs) = Rows((3, 1, 0.1f), (3, 2, 0.5f), (4, 3, 0.9f));
        Assert.Equal(1, FragmentFilters.FilterByMeanAffinity(fragments, affs, 2, 0.3));
        Assert.All(fragments.Take(30), v => Assert.Equal(0UL, v));
        Assert.Equal(new ulong[] { 0, 2, 3 }, fragments.Distinct().Order());

        var (strong, strongAffs) = Rows((10, 4, 0.9f));
        Assert.Equal(0, FragmentFilters.FilterByMeanAffinity(strong, strongAffs, 2, 0.5));
        Assert.All(strong, v => Assert.Equal(4UL, v));

        // Only the first ndim channels count: direct 0.1, long range 1.0 ⇒ mean 0.1 < 0.25.
        var ids = Enumerable.Range(0, 100).Select(i => (ulong)(i / 10) + 1).ToArray();
        var threeChannels = Enumerable.Repeat(0.1f, 200).Concat(Enumerable.Repeat(1.0f, 100)).ToArray();
        Assert.Equal(10, FragmentFilters.FilterByMeanAffinity(ids, threeChannels, 2, 0.25));
        Assert.All(ids, v => Assert.Equal(0UL, v));
    }

    [Fact]
    public void FilterByMeanAffinityMatchesAPlainReference()
    {
        var rng = new Random(1);
        var original = Enumerable.Range(0, 100).Select(_ => (ulong)rng.Next(0, 6)).ToArray();
        var affs = original.Select(id => id / 10f).Concat(original.Select(id => (float)rng.NextDouble())).ToArray();
        var bytes = affs.Select(a => (byte)Math.Round(a * 255)).ToArray();
        foreach (double threshold in new[] { 0.05, 0.15, 0.35, 0.55, 1.5 })
        {
            var means = original.Select((id, p) => (id, value: (affs[p] + affs[100 + p]) / 2.0))
                .GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.Average(x => x.value));
            var expected = original.Select(id => means[id] < threshold ? 0UL : id).ToArray();
            var fragments = (ulong[])original.Clone();
            FragmentFilters.FilterByMeanAffinity(fragments, affs, 2, threshold);
            Assert.Equal(expected, fragments);

            var byteMeans = original.Select((id, p) => (id, value: (bytes[p] + bytes[100 + p]) / 255.0 / 2.0))
                .GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.Average(x => x.value));
            var fromBytes = (ulong[])original.Clone();
            FragmentFilters.FilterByMeanAffinity(fromBytes, bytes, 2, threshold);
            Assert.Equal(original.Select(id => byteMeans[id] < threshold ? 0UL : id), fromBytes);
        }

        Assert.Throws<ArgumentException>(() => FragmentFilters.FilterByMeanAffinity(new ulong[10], new float[15], 2, 0.5));
    }

    [Theory]
    [InlineData(1UL)] // small consecutive ids, as a watershed writes them (counted in a flat table)
    [InlineData(1_000_000_000UL)] // sparse large ids (counted in a hash map)
    public void RemoveDebrisDropsSmallFragments(ulong idScale)
    {
        var rng = new Random(9);
        var original = Enumerable.Range(0, 300).Select(_ => (ulong)rng.Next(0, 30) * idScale).ToArray();
        var sizes = original.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        foreach (int minimum in new[] { 0, 5, 10, 12, 1000 })
        {
            var fragments = (ulong[])original.Clone();
            int removed = FragmentFilters.RemoveDebris(fragments, minimum);
            Assert.Equal(original.Select(v => sizes[v] < minimum ? 0UL : v), fragments);
            Assert.Equal(sizes.Count(kv => kv.Key != 0 && kv.Value < minimum), removed);
        }
    }

    [Fact]
    public void SegmentationAffinitiesFollowVolarasConvention()
    {
        // 4×4, columns 0–1 id 1, 2–3 id 2, nhood [[1,0],[0,1]].
        var seg = Enumerable.Range(0, 16).Select(i => i % 4 < 2 ? 1UL : 2UL).ToArray();
        var affs = new byte[2 * 16];
        SegmentationAffinities.Compute(seg, [4, 4], [new Coordinate(1, 0), new Coordinate(0, 1)], affs);
        for (int y = 0; y < 4; y++)
        {
            Assert.Equal(0, affs[16 + (y * 4) + 1]); // column 1 pairs with column 2: another segment
            Assert.Equal(1, affs[16 + (y * 4) + 0]);
            Assert.Equal(0, affs[16 + (y * 4) + 3]); // the neighbour is outside
            Assert.Equal(y < 3 ? 1 : 0, affs[(y * 4) + 0]);
        }

        // 3-D: z < 2 is 1, else 2; unit nhood.
        var seg3 = Enumerable.Range(0, 64).Select(i => i / 16 < 2 ? 1UL : 2UL).ToArray();
        var affs3 = new byte[3 * 64];
        SegmentationAffinities.Compute(seg3, [4, 4, 4], [new Coordinate(1, 0, 0), new Coordinate(0, 1, 0), new Coordinate(0, 0, 1)], affs3, same: 255);
        Assert.All(affs3.AsSpan(16, 16).ToArray(), v => Assert.Equal(0, v));
        Assert.All(affs3.AsSpan(0, 16).ToArray(), v => Assert.Equal(255, v));

        var zeros = new byte[3 * 64];
        SegmentationAffinities.Compute(new ulong[64], [4, 4, 4], [new Coordinate(1, 0, 0), new Coordinate(0, 1, 0), new Coordinate(0, 0, 1)], zeros);
        Assert.All(zeros, v => Assert.Equal(0, v));
    }

    private static void AssertSamePartition(ulong[] expected, ulong[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var forward = new Dictionary<ulong, ulong>();
        var backward = new Dictionary<ulong, ulong>();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i] == 0, actual[i] == 0);
            Assert.Equal(forward.TryAdd(expected[i], actual[i]) ? actual[i] : forward[expected[i]], actual[i]);
            Assert.Equal(backward.TryAdd(actual[i], expected[i]) ? expected[i] : backward[actual[i]], expected[i]);
        }
    }
}
