using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks;

namespace Volara.Runtime.Tests.Tasks;

public sealed class SqliteSegmentationTaskTests : SegmentationTaskTests
{
    [Theory]
    [InlineData(ExecutionMode.Serial, new[] { 5, 12, 12 }, new[] { 1, 3, 3 }, new[] { 5, 12, 12 }, new[] { 1, 3, 3 })]
    [InlineData(ExecutionMode.Threads, new[] { 4, 10, 10 }, new[] { 2, 3, 3 }, new[] { 5, 8, 8 }, new[] { 2, 4, 4 })]
    [InlineData(ExecutionMode.Serial, new[] { 10, 24, 24 }, new[] { 0, 0, 0 }, new[] { 3, 7, 9 }, new[] { 0, 0, 0 })]
    [InlineData(ExecutionMode.Processes, new[] { 5, 12, 12 }, new[] { 1, 2, 2 }, new[] { 4, 10, 10 }, new[] { 1, 3, 3 })]
    public void FragmentsNodesAndEdgesMatchTheReferences(ExecutionMode mode, int[] extractBlock, int[] extractContext, int[] agglomBlock, int[] agglomContext) =>
        RunPipelineAndCheck(mode, extractBlock, extractContext, agglomBlock, agglomContext, seed: extractBlock[1]);

    [Fact]
    public void DropArtifactsRemovesFragmentsAndGraphButAffAgglomOnlyEdges()
    {
        var scene = new SegmentationScene(Temp, seed: 1);
        var db = NewDb(new Dictionary<string, string> { ["adj"] = "float" });
        var extract = new ExtractFrags
        {
            Db = db, AffsData = scene.Affs, FragsData = scene.Frags, BlockSize = new(5L, 12L, 12L), Context = new(1L, 1L, 1L), Bias = SegmentationScene.Bias,
        };
        var agglom = new AffAgglom
        {
            Db = db, FragsData = scene.Frags, AffsData = scene.Affs, BlockSize = new(5L, 12L, 12L), Context = new(1L, 1L, 1L),
            Scores = new Dictionary<string, IReadOnlyList<Volara.Runtime.Geometry.Coordinate>> { ["adj"] = SegmentationScene.Offsets[..3] },
        };
        Assert.Equal("graph-aff-agglom", agglom.Name);
        Assert.Equal("frags-extract-frags", extract.Name);
        Assert.True(Runner.Run(extract + agglom, Options(ExecutionMode.Serial)).Succeeded);
        int nodes;
        using (var graph = db.Open(GraphOpenMode.Read))
        {
            nodes = graph.ReadAllNodes().Count;
            Assert.True(nodes > 0);
            Assert.True(graph.ReadAllEdges().Count > 0);
        }

        Runner.Drop(agglom, Temp.Combine("logs"));
        using (var graph = db.Open(GraphOpenMode.Read))
        {
            Assert.Equal(nodes, graph.ReadAllNodes().Count);
            Assert.Equal(0, graph.ReadAllEdges().Count);
        }

        Runner.Drop(extract, Temp.Combine("logs"));
        Assert.False(Directory.Exists(scene.Frags.Store));
        Assert.False(File.Exists(((SqliteGraphConfig)db).Path));
    }

    [Theory]
    [InlineData(ExecutionMode.Serial)]
    [InlineData(ExecutionMode.Processes)]
    public void ABiasNotOnePerStoredOffsetIsRefusedBeforeAnythingIsCreated(ExecutionMode mode)
    {
        var scene = new SegmentationScene(Temp, seed: 2);
        var db = (SqliteGraphConfig)NewDb(new Dictionary<string, string>());
        var extract = new ExtractFrags
        {
            // The neighbourhood is not given: it comes from the stored array's attributes (six offsets).
            Db = db, AffsData = new Volara.Runtime.Datasets.Affs { Store = scene.Affs.Store }, FragsData = scene.Frags,
            BlockSize = new(5L, 12L, 12L), Context = new(1L, 1L, 1L), Bias = [-0.4, -0.4, -0.4],
        };

        var error = Assert.ThrowsAny<Exception>(() => Runner.Run(extract, Options(mode)));
        Assert.Contains("task 'frags-extract-frags': bias has 3 values, but it needs one per offset of the neighborhood of affs_data", error.Message);
        Assert.Contains("which has 6", error.Message);
        Assert.False(Directory.Exists(scene.Frags.Store));
        Assert.False(File.Exists(db.Path));
        Assert.False(Directory.Exists(Temp.Combine("logs", "frags-extract-frags")));
    }

    protected override GraphDatabaseConfig NewDb(IReadOnlyDictionary<string, string> edgeAttrs) =>
        new SqliteGraphConfig { Path = Temp.Combine("data.zarr", "graph.sqlite"), EdgeAttrs = edgeAttrs };
}
