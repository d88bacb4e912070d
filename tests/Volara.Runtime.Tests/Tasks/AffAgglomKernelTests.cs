using Volara.Runtime.Geometry;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tests.Tasks;

public sealed class AffAgglomKernelTests
{
    [Fact]
    public void StripesGetTheAffinityOfTheRowAbove()
    {
        // volara's basic case: ids 1..10 by row, offset (1,0); even rows hold affinity 1.
        var frags = new ulong[100];
        var affs = new float[100];
        for (int row = 0; row < 10; row++)
        {
            for (int col = 0; col < 10; col++)
            {
                frags[(row * 10) + col] = (ulong)row + 1;
                affs[(row * 10) + col] = row % 2 == 0 ? 1 : 0;
            }
        }

        var edges = AffAgglomKernel.Score<float>(affs, frags, new VoxelGrid([10, 10]), [new Coordinate(1L, 0L)], [[0]], 1.0);

        Assert.Equal(9, edges.Count);
        for (int edge = 0; edge < 9; edge++)
        {
            ulong u = edges.U(edge);
            Assert.Equal(u + 1, edges.V(edge));
            Assert.Equal(u % 2 == 0 ? 0.0 : 1.0, edges.Score(edge, 0));
        }
    }

    [Fact]
    public void PooledScoreIsTheMeanOverAllBoundarySamples()
    {
        // frags all 2 except [:5,:5] = 1; ch0 (offset (1,0)) row 4 cols 0-4 = 0.2, ch1 (offset (0,1)) col 4 rows 0-4 = 0.6.
        var frags = new ulong[100];
        var affs = new float[200];
        for (int row = 0; row < 10; row++)
        {
            for (int col = 0; col < 10; col++)
            {
                frags[(row * 10) + col] = row < 5 && col < 5 ? 1UL : 2UL;
            }
        }

        for (int i = 0; i < 5; i++)
        {
            affs[(4 * 10) + i] = 0.2f;
            affs[100 + (i * 10) + 4] = 0.6f;
        }

        Coordinate[] offsets = [new(1L, 0L), new(0L, 1L)];
        var pooled = AffAgglomKernel.Score<float>(affs, frags, new VoxelGrid([10, 10]), offsets, [[0, 1]], 1.0);
        var split = AffAgglomKernel.Score<float>(affs, frags, new VoxelGrid([10, 10]), offsets, [[0], [1]], 1.0);

        Assert.Equal(1, pooled.Count);
        Assert.Equal((1UL, 2UL), (pooled.U(0), pooled.V(0)));
        Assert.Equal(0.4, pooled.Score(0, 0), 6);
        Assert.Equal(0.2, split.Score(0, 0), 6);
        Assert.Equal(0.6, split.Score(0, 1), 6);
    }

    [Fact]
    public void BackgroundSeparatesAndLargeIdsSurvive()
    {
        var frags = new ulong[100];
        for (int i = 0; i < 100; i++)
        {
            int row = i / 10;
            frags[i] = row < 4 ? 4_000_000_000UL : row == 4 ? 0 : 4_000_000_017UL;
        }

        var affs = Enumerable.Repeat(1f, 100).ToArray();
        var separated = AffAgglomKernel.Score<float>(affs, frags, new VoxelGrid([10, 10]), [new Coordinate(1L, 0L)], [[0]], 1.0);
        Assert.Equal(0, separated.Count);

        frags.AsSpan(40, 10).Fill(4_000_000_000UL);
        var touching = AffAgglomKernel.Score<float>(affs, frags, new VoxelGrid([10, 10]), [new Coordinate(1L, 0L)], [[0]], 1.0);
        Assert.Equal(1, touching.Count);
        Assert.Equal((4_000_000_000UL, 4_000_000_017UL), (touching.U(0), touching.V(0)));
    }

    [Fact]
    public void ScoreAbsentWhereAPairHasNoSamplesOfItsOffsets()
    {
        // Two columns of ids: only the horizontal offset sees the pair.
        var frags = new ulong[16];
        for (int i = 0; i < 16; i++)
        {
            frags[i] = i % 4 < 2 ? 3UL : 9UL;
        }

        var affs = Enumerable.Repeat(0.5f, 32).ToArray();
        var edges = AffAgglomKernel.Score<float>(affs, frags, new VoxelGrid([4, 4]), [new Coordinate(1L, 0L), new Coordinate(0L, 1L)], [[0], [1]], 1.0);

        Assert.Equal(1, edges.Count);
        Assert.True(double.IsNaN(edges.Score(0, 0)));
        Assert.Equal(0.5, edges.Score(0, 1), 6);
    }

    // The last value is the number of distinct ids: a few (the pair table) or hundreds (the pair map).
    public static TheoryData<int, int[], bool, int> RandomCases => new()
    {
        { 1, [10, 10], false, 8 },
        { 2, [7, 13], true, 8 },
        { 3, [5, 6, 7], false, 8 },
        { 4, [9, 8, 33], true, 8 },
        { 5, [3, 4, 5, 6], true, 8 },
        { 6, [6, 20, 41], true, 700 },
        { 7, [6, 20, 41], false, 700 },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void MatchesBruteForceOnRandomData(int seed, int[] shape, bool bytes, int distinctIds)
    {
        var random = new Random(seed);
        int dims = shape.Length;
        var grid = new VoxelGrid(shape);
        int voxels = grid.VoxelCount;
        var offsets = RandomOffsets(random, dims, 6);
        IReadOnlyList<IReadOnlyList<int>> groups = [[0, 1], [2], [3, 4, 5], [1, 5]];
        // Blobs of ids (runs along rows) with background and huge ids mixed in.
        ulong[] palette = distinctIds <= 8
            ? [0, 1, 2, 3, 7, 4_000_000_000, 4_000_000_017, ulong.MaxValue - 1]
            : [0, .. Enumerable.Range(0, distinctIds - 1).Select(_ => (ulong)random.NextInt64(1, long.MaxValue) * 2)];
        var frags = new ulong[voxels];
        for (int i = 0; i < voxels; i++)
        {
            frags[i] = i > 0 && random.NextDouble() < 0.6 ? frags[i - 1] : palette[random.Next(palette.Length)];
        }

        var byteAffs = new byte[offsets.Count * voxels];
        random.NextBytes(byteAffs);
        var floatAffs = byteAffs.Select(b => b / 255f).ToArray();
        var edges = bytes
            ? AffAgglomKernel.Score<byte>(byteAffs, frags, grid, offsets, groups, 1.0 / 255)
            : AffAgglomKernel.Score<float>(floatAffs, frags, grid, offsets, groups, 1.0);

        var expected = BruteForce(floatAffs, frags, shape, offsets, groups);
        Assert.Equal(expected.Count, edges.Count);
        var previous = (U: 0UL, V: 0UL);
        for (int edge = 0; edge < edges.Count; edge++)
        {
            var key = (edges.U(edge), edges.V(edge));
            Assert.True(key.Item1 < key.Item2);
            Assert.True(edge == 0 || key.CompareTo(previous) > 0, "edges are sorted by (u, v)");
            previous = key;
            Assert.True(expected.TryGetValue(key, out var scores), $"unexpected edge {key}");
            for (int g = 0; g < groups.Count; g++)
            {
                if (double.IsNaN(scores[g]))
                {
                    Assert.True(double.IsNaN(edges.Score(edge, g)), $"edge {key} score {g} should be absent");
                }
                else
                {
                    Assert.Equal(scores[g], edges.Score(edge, g), 5);
                }
            }
        }
    }

    [Fact]
    public void DoesNotModifyItsInputs()
    {
        var frags = new ulong[] { 5, 5, 9, 9, 0, 9 };
        var copy = frags.ToArray();
        AffAgglomKernel.Score<float>(new float[6], frags, new VoxelGrid([2, 3]), [new Coordinate(0L, 1L)], [[0]], 1.0);
        Assert.Equal(copy, frags);
    }

    private static List<Coordinate> RandomOffsets(Random random, int dims, int count)
    {
        var offsets = new List<Coordinate>();
        for (int k = 0; k < count; k++)
        {
            var values = new long[dims];
            if (k < dims)
            {
                values[k] = 1;
            }
            else
            {
                for (int d = 0; d < dims; d++)
                {
                    values[d] = random.Next(-3, 4);
                }
            }

            offsets.Add(new Coordinate(values));
        }

        return offsets;
    }

    /// <summary>Every voxel pair of every offset, checked one by one with coordinates.</summary>
    internal static Dictionary<(ulong, ulong), double[]> BruteForce(float[] affs, ulong[] frags, int[] shape, IReadOnlyList<Coordinate> offsets, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        int dims = shape.Length;
        int voxels = frags.Length;
        var samples = new Dictionary<(ulong, ulong), (double Sum, int Count)[]>();
        var index = new int[dims];
        for (int p = 0; p < voxels; p++)
        {
            int rest = p;
            for (int d = dims - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }

            for (int k = 0; k < offsets.Count; k++)
            {
                int q = 0;
                bool inside = true;
                for (int d = 0; d < dims; d++)
                {
                    long at = index[d] + offsets[k].ValueAt(d);
                    inside &= at >= 0 && at < shape[d];
                    q = (q * shape[d]) + (int)at;
                }

                if (!inside || frags[p] == frags[q] || frags[p] == 0 || frags[q] == 0)
                {
                    continue;
                }

                var key = (Math.Min(frags[p], frags[q]), Math.Max(frags[p], frags[q]));
                if (!samples.TryGetValue(key, out var perChannel))
                {
                    samples[key] = perChannel = new (double, int)[offsets.Count];
                }

                perChannel[k] = (perChannel[k].Sum + affs[(k * voxels) + p], perChannel[k].Count + 1);
            }
        }

        var result = new Dictionary<(ulong, ulong), double[]>();
        foreach (var (key, perChannel) in samples)
        {
            var scores = new double[groups.Count];
            bool any = false;
            for (int g = 0; g < groups.Count; g++)
            {
                double sum = groups[g].Sum(k => perChannel[k].Sum);
                int count = groups[g].Sum(k => perChannel[k].Count);
                scores[g] = count > 0 ? sum / count : double.NaN;
                any |= count > 0;
            }

            if (any)
            {
                result[key] = scores;
            }
        }

        return result;
    }
}
