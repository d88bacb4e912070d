using System.Globalization;
using System.Text;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Skeletons;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Engine.Workers;
using Volara.Runtime.Tests.Support;
using Volara.Workers;
using Xunit;

namespace Volara.Runtime.Tests.Tasks;

public sealed class SeededExtractFragsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A scene of box cells (ids 1…n in raster order of the boxes) with exact uint8 affinities.</summary>
    private sealed record Scene(int[] Shape, int[] Cell, ulong[] Truth, Affs Affs, Coordinate VoxelSize, long[] GlobalOrigin);

    private Scene Boxes(int[] shape, int[] cell, Coordinate voxelSize, long[] globalOrigin, bool asFloat = false)
    {
        int dims = shape.Length;
        var truth = new ulong[shape.Aggregate(1, (a, b) => a * b)];
        int[] cells = [.. Enumerable.Range(0, dims).Select(d => shape[d] / cell[d])];
        foreach (var index in SurfaceReference.Indices(shape))
        {
            truth[SurfaceReference.Linear(index, shape)] = 1 + (ulong)SurfaceReference.Linear([.. Enumerable.Range(0, dims).Select(d => index[d] / cell[d])], cells);
        }

        Coordinate[] offsets = [.. Enumerable.Range(0, dims).Select(d => new Coordinate(Enumerable.Range(0, dims).Select(e => e == d ? 1L : 0L)))];
        var affValues = ExactAffinities(truth, shape, dims);
        var affs = new Affs { Store = temp.Combine("data.zarr", "affs"), Neighborhood = offsets };
        var offset = new Coordinate(globalOrigin.Select((o, d) => o * voxelSize.ValueAt(d)));
        var array = affs.Prepare(
            [dims, .. shape.Select(s => (long)s)], [dims, .. shape.Select(s => Math.Min(s, 8))], offset, voxelSize,
            [.. Enumerable.Repeat("nm", dims)], ["c^", .. new[] { "z", "y", "x" }[(3 - dims)..]], ["channel", .. Enumerable.Repeat("space", dims)], asFloat ? DataType.Float32 : DataType.UInt8);
        if (asFloat)
        {
            array.Write(array.Roi, (ReadOnlySpan<float>)[.. affValues.Select(a => a / 255f)]);
        }
        else
        {
            array.Write(array.Roi, (ReadOnlySpan<byte>)affValues);
        }
        return new Scene(shape, cell, truth, affs, voxelSize, globalOrigin);
    }

    /// <summary>Direct-neighbour affinities of any dimensionality: 255 between equal labels, 0 across and at the far border.</summary>
    private static byte[] ExactAffinities(ulong[] truth, int[] shape, int dims)
    {
        var affinities = new byte[dims * truth.Length];
        foreach (var index in SurfaceReference.Indices(shape))
        {
            int p = SurfaceReference.Linear(index, shape);
            for (int k = 0; k < dims; k++)
            {
                var next = (int[])index.Clone();
                next[k]++;
                if (next[k] < shape[k] && truth[SurfaceReference.Linear(next, shape)] == truth[p])
                {
                    affinities[(k * truth.Length) + p] = 255;
                }
            }
        }

        return affinities;
    }

    /// <summary>Writes skeletons (id → nodes as array indices per axis) to an NML file in global voxel coordinates (x, y, z).</summary>
    private string Nml(Scene scene, IEnumerable<(long Id, int[][] Nodes)> skeletons)
    {
        int dims = scene.Shape.Length;
        var text = new StringBuilder("<?xml version=\"1.0\"?>\n<things>\n  <parameters><scale x=\"1\" y=\"1\" z=\"1\"/></parameters>\n");
        int nodeId = 1;
        foreach (var (id, nodes) in skeletons)
        {
            text.Append(CultureInfo.InvariantCulture, $"  <thing id=\"{id}\">\n    <nodes>\n");
            int first = nodeId;
            foreach (var node in nodes)
            {
                long[] global = [.. node.Select((v, d) => v + scene.GlobalOrigin[d])];
                long x = global[dims - 1], y = global[dims - 2], z = dims == 3 ? global[0] : 0;
                text.Append(CultureInfo.InvariantCulture, $"      <node id=\"{nodeId++}\" radius=\"1\" x=\"{x}\" y=\"{y}\" z=\"{z}\"/>\n");
            }

            text.Append("    </nodes>\n    <edges>\n");
            for (int n = first + 1; n < nodeId; n++)
            {
                text.Append(CultureInfo.InvariantCulture, $"      <edge source=\"{n - 1}\" target=\"{n}\"/>\n");
            }

            text.Append("    </edges>\n  </thing>\n");
        }

        text.Append("</things>\n");
        string path = temp.Combine("skeletons.nml");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private SeededExtractFrags Task(Scene scene, string nml, int[] block, int[] context) => new()
    {
        AffsData = scene.Affs,
        SegsData = new Labels { Store = temp.Combine("data.zarr", "segs") },
        BlockSize = new Coordinate(block.Select(b => (long)b)),
        Context = new Coordinate(context.Select(c => (long)c)),
        Bias = [.. Enumerable.Repeat(-0.5, scene.Shape.Length)],
        NmlFile = nml,
        Execution = new ExecutionOptions { NumWorkers = 2 },
    };

    private RunOptions Options(ExecutionMode mode) => new()
    {
        Mode = mode, LogDirectory = temp.Combine("logs"), Progress = new StringWriter(), RedrawProgress = false,
    };

    /// <summary>
    /// Every node voxel carries its skeleton's id; every labelled voxel lies in a cell holding a node of that skeleton
    /// (no segment reaches another skeleton or an unseeded cell); a cell seeded by one skeleton is covered whole.
    /// </summary>
    private static void AssertSkeletonsRespected(Scene scene, ulong[] segments, (long Id, int[][] Nodes)[] skeletons)
    {
        var seeding = skeletons.Where(s => s.Nodes.Length > 1).ToArray();
        var cellSkeletons = new Dictionary<ulong, HashSet<ulong>>();
        foreach (var (id, nodes) in seeding)
        {
            foreach (var node in nodes)
            {
                int linear = SurfaceReference.Linear(node, scene.Shape);
                Assert.Equal((ulong)id, segments[linear]);
                var cell = scene.Truth[linear];
                if (!cellSkeletons.TryGetValue(cell, out var set))
                {
                    cellSkeletons[cell] = set = [];
                }

                set.Add((ulong)id);
            }
        }

        for (int v = 0; v < segments.Length; v++)
        {
            var owners = cellSkeletons.GetValueOrDefault(scene.Truth[v]);
            if (segments[v] != 0)
            {
                Assert.True(owners is not null && owners.Contains(segments[v]), $"voxel {v} of cell {scene.Truth[v]} labelled {segments[v]}");
            }
            else
            {
                Assert.True(owners is null || owners.Count > 1, $"voxel {v} of cell {scene.Truth[v]}, seeded only by {string.Join(",", owners ?? [])}, is unlabelled");
            }
        }

        Assert.Contains(0UL, segments);
    }

    [Theory]
    [InlineData(ExecutionMode.Serial, new[] { 20, 24 }, new[] { 0, 0 })]
    [InlineData(ExecutionMode.Serial, new[] { 10, 12 }, new[] { 5, 6 })]
    [InlineData(ExecutionMode.Threads, new[] { 7, 9 }, new[] { 5, 6 })]
    [InlineData(ExecutionMode.Processes, new[] { 10, 8 }, new[] { 5, 6 })]
    public void TwoDimensionalSegmentsRespectEverySkeleton(ExecutionMode mode, int[] block, int[] context)
    {
        if (mode == ExecutionMode.Processes)
        {
            ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });
        }

        var scene = Boxes([20, 24], [5, 6], new Coordinate(3L, 2L), [2, 7]);
        (long Id, int[][] Nodes)[] skeletons =
        [
            (31, [[1, 13], [3, 16]]),            // cell (0, 2)
            (5, [[6, 1], [8, 4], [9, 5]]),       // cell (1, 0), shared with 12
            (12, [[5, 5], [7, 2]]),              // cell (1, 0)
            (40, [[17, 20], [18, 22]]),          // cell (3, 3)
            (77, [[12, 12]]),                    // a single node: no seed, as volara
        ];
        var task = Task(scene, Nml(scene, skeletons), block, context);
        Assert.Equal("segs-seeded-extract-frags", task.Name);
        var result = Runner.Run(task, Options(mode));
        Assert.True(result.Succeeded, result.Summary);

        var segs = task.SegsData.Array();
        Assert.Equal(DataType.UInt64, segs.DataType);
        Assert.Equal(scene.VoxelSize, segs.VoxelSize);
        var segments = segs.ReadAll<ulong>().ToArray();
        AssertSkeletonsRespected(scene, segments, skeletons);
        Assert.Equal(30, segments.Count(v => v == 31));
        Assert.Equal(30, segments.Count(v => v == 40));
        Assert.Equal(30, segments.Count(v => v is 5 or 12));
        Assert.Contains(5UL, segments);
        Assert.Contains(12UL, segments);
    }

    [Theory]
    [InlineData(new[] { 6, 12, 12 }, new[] { 0, 0, 0 }, false)]
    [InlineData(new[] { 3, 4, 8 }, new[] { 3, 4, 4 }, false)]
    [InlineData(new[] { 3, 4, 8 }, new[] { 3, 4, 4 }, true)]
    public void ThreeDimensionalSegmentsRespectEverySkeleton(int[] block, int[] context, bool floatAffinities)
    {
        var scene = Boxes([6, 12, 12], [3, 4, 4], new Coordinate(4L, 2L, 2L), [10, 0, 3], floatAffinities);
        (long Id, int[][] Nodes)[] skeletons =
        [
            (2, [[0, 0, 0], [2, 3, 3]]),
            (3, [[4, 5, 9], [5, 6, 10], [3, 7, 11]]),
            (9, [[4, 9, 1], [4, 9, 2]]),
        ];
        var task = Task(scene, Nml(scene, skeletons), block, context);
        Assert.True(Runner.Run(task, Options(ExecutionMode.Serial)).Succeeded);
        var segments = task.SegsData.Array().ReadAll<ulong>().ToArray();
        AssertSkeletonsRespected(scene, segments, skeletons);
        Assert.Equal(48 * 3, segments.Count(v => v != 0));
    }

    [Fact]
    public void BlocksWithoutSeedsWriteZeros()
    {
        var scene = Boxes([20, 24], [5, 6], new Coordinate(1L, 1L), [0, 0]);
        var task = Task(scene, Nml(scene, [(8, [[1, 1], [2, 2]])]), [10, 12], [2, 2]);
        Assert.True(Runner.Run(task, Options(ExecutionMode.Serial)).Succeeded);
        var segments = task.SegsData.Array().ReadAll<ulong>().ToArray();
        Assert.Equal(30, segments.Count(v => v == 8));
        Assert.Equal(segments.Length - 30, segments.Count(v => v == 0));

        // Skeletons outside the volume seed nothing at all.
        Runner.Drop(task, Options(ExecutionMode.Serial).LogDirectory);
        var outside = Task(scene, Nml(scene, [(8, [[-50, -50], [-40, -40]])]), [10, 12], [2, 2]);
        Assert.True(Runner.Run(outside, Options(ExecutionMode.Serial)).Succeeded);
        Assert.All(outside.SegsData.Array().ReadAll<ulong>().ToArray(), v => Assert.Equal(0UL, v));
    }

    [Fact]
    public void AMalformedNmlFileIsNamed()
    {
        var scene = Boxes([20, 24], [5, 6], new Coordinate(1L, 1L), [0, 0]);
        string nml = temp.Combine("broken.nml");
        File.WriteAllText(nml, "<things>\n  <thing id=\"1\">\n    <nodes><node id=\"1\" x=\"1\"/></nodes>\n  </thing>\n</things>\n");
        var task = Task(scene, nml, [10, 12], [2, 2]);
        var error = Assert.Throws<NmlFormatException>(() => task.Layout);
        Assert.Contains($"NML file '{nml}', line 3", error.Message);
        Assert.Contains("'y'", error.Message);
    }

    [Fact]
    public void ASigmaOfTheWrongDimensionalityIsRefused()
    {
        var scene = Boxes([20, 24], [5, 6], new Coordinate(1L, 1L), [0, 0]);
        var task = Task(scene, Nml(scene, [(8, [[1, 1], [2, 2]])]), [10, 12], [2, 2]);
        var withSigma = new SeededExtractFrags
        {
            AffsData = task.AffsData, SegsData = task.SegsData, BlockSize = task.BlockSize, Context = task.Context, Bias = task.Bias, NmlFile = task.NmlFile,
            Sigma = new Coordinate(1L, 2L, 3L),
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => withSigma.Layout);
        Assert.Contains("sigma", error.Message);
    }
}
