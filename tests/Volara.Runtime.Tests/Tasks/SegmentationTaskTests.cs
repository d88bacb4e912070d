using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Engine.Workers;
using Volara.Runtime.Tests.Support;
using Volara.Workers;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>
/// ExtractFrags then AffAgglom on a tiny noise-free volume, checked against plain references: the fragments block by
/// block, one node per fragment with its size and position, and every edge exactly once with brute-force scores from
/// the block that owns it. The same suite runs on SQLite and PostgreSQL.
/// </summary>
public abstract class SegmentationTaskTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> EdgeAttrs = new Dictionary<string, string> { ["adj"] = "float", ["lr"] = "float" };

    protected SegmentationTaskTests() =>
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });

    protected TempDirectory Temp { get; } = new();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract GraphDatabaseConfig NewDb(IReadOnlyDictionary<string, string> edgeAttrs);

    protected void RunPipelineAndCheck(ExecutionMode mode, int[] extractBlock, int[] extractContext, int[] agglomBlock, int[] agglomContext, int seed)
    {
        var scene = new SegmentationScene(Temp, seed);
        var db = NewDb(EdgeAttrs);
        var workers = new ExecutionOptions { NumWorkers = mode == ExecutionMode.Serial ? 1 : 2 };
        var extract = new ExtractFrags
        {
            Db = db,
            AffsData = scene.Affs,
            FragsData = scene.Frags,
            BlockSize = new Coordinate([.. extractBlock.Select(v => (long)v)]),
            Context = new Coordinate([.. extractContext.Select(v => (long)v)]),
            Bias = SegmentationScene.Bias,
            Execution = workers,
        };
        var agglom = new AffAgglom
        {
            Db = db,
            FragsData = scene.Frags,
            AffsData = scene.Affs,
            BlockSize = new Coordinate([.. agglomBlock.Select(v => (long)v)]),
            Context = new Coordinate([.. agglomContext.Select(v => (long)v)]),
            Scores = new Dictionary<string, IReadOnlyList<Coordinate>>
            {
                ["adj"] = SegmentationScene.Offsets[..3],
                ["lr"] = SegmentationScene.Offsets[3..],
            },
            Execution = workers,
        };

        var result = Runner.Run(extract + agglom, Options(mode));
        Assert.True(result.Succeeded, result.Summary);

        var expected = scene.ExpectedFragments(extractBlock, extractContext);
        var fragments = SegmentationScene.ReadAll(scene.Frags);
        Assert.Equal(expected, fragments);
        if (SegmentationScene.Blocks(extractBlock).Count() > 1)
        {
            // Blocks beyond the first shift their ids.
            Assert.Contains(fragments, f => f > (ulong)(extractBlock[0] * extractBlock[1] * extractBlock[2]));
        }

        using var graph = db.Open(GraphOpenMode.Read);
        var positions = CheckNodes(graph.ReadAllNodes(), fragments);
        CheckEdges(graph.ReadAllEdges(), scene, fragments, positions, agglomBlock, agglomContext);
    }

    protected RunOptions Options(ExecutionMode mode) => new()
    {
        Mode = mode,
        LogDirectory = Temp.Combine("logs"),
        Progress = TextWriter.Null,
        ShowProgress = false,
        PrintSummary = false,
    };

    private static Dictionary<ulong, long[]> CheckNodes(NodeTable nodes, ulong[] fragments)
    {
        var voxels = new Dictionary<ulong, List<int>>();
        for (int i = 0; i < fragments.Length; i++)
        {
            if (fragments[i] != 0)
            {
                (voxels.TryGetValue(fragments[i], out var list) ? list : voxels[fragments[i]] = []).Add(i);
            }
        }

        Assert.Equal(voxels.Count, nodes.Count);
        var sizes = nodes.Ints("size").Values;
        var positions = new Dictionary<ulong, long[]>();
        for (int row = 0; row < nodes.Count; row++)
        {
            ulong id = nodes.Ids[row];
            Assert.True(voxels.TryGetValue(id, out var members), $"node {id} is no fragment");
            Assert.Equal(members.Count, sizes[row]);
            int[] shape = SegmentationScene.Shape;
            long[] mean = [(long)members.Average(i => i / (shape[1] * shape[2])), (long)members.Average(i => i / shape[2] % shape[1]), (long)members.Average(i => i % shape[2])];
            long[] world = [.. Enumerable.Range(0, 3).Select(d => SegmentationScene.Offset.ValueAt(d) + (SegmentationScene.VoxelSize.ValueAt(d) * mean[d]))];
            Assert.Equal(world, nodes.Position(row).ToArray().Select(p => (long)p));
            positions[id] = world;
        }

        return positions;
    }

    private static void CheckEdges(EdgeTable edges, SegmentationScene scene, ulong[] fragments, Dictionary<ulong, long[]> positions, int[] block, int[] context)
    {
        var affs = scene.AffValues.Select(a => a / 255f).ToArray();
        var expected = new Dictionary<(ulong, ulong), double[]>();
        foreach (var (_, start, size) in SegmentationScene.Blocks(block))
        {
            var regionFrags = SegmentationScene.ReadRegion(fragments, 1, start, size, context, out var shape);
            var regionAffs = SegmentationScene.ReadRegion(affs, SegmentationScene.Offsets.Length, start, size, context, out _);
            var scores = AffAgglomKernelTests.BruteForce(regionAffs, regionFrags, shape, SegmentationScene.Offsets, [[0, 1, 2], [3, 4, 5]]);
            foreach (var (key, values) in scores)
            {
                if (Owns(positions[key.Item1], start, size))
                {
                    Assert.True(expected.TryAdd(key, values), $"edge {key} has two owners");
                }
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, edges.Count);
        var adj = edges.Floats("adj");
        var lr = edges.Floats("lr");
        for (int row = 0; row < edges.Count; row++)
        {
            var key = (edges.U[row], edges.V[row]);
            Assert.True(expected.TryGetValue(key, out var values), $"unexpected edge {key}");
            CheckScore(values[0], adj, row);
            CheckScore(values[1], lr, row);
        }
    }

    private static void CheckScore(double expected, FloatColumn column, int row)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(column.IsNull(row));
        }
        else
        {
            Assert.False(column.IsNull(row));
            Assert.Equal(expected, column[row], 5);
        }
    }

    private static bool Owns(long[] position, int[] start, int[] size)
    {
        for (int d = 0; d < 3; d++)
        {
            long begin = SegmentationScene.Offset.ValueAt(d) + (start[d] * SegmentationScene.VoxelSize.ValueAt(d));
            long end = begin + (size[d] * SegmentationScene.VoxelSize.ValueAt(d));
            if (position[d] < begin || position[d] >= end)
            {
                return false;
            }
        }

        return true;
    }
}
