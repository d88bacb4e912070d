using Volara.Runtime.Dsl.Description;
using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Luts;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>volara's test_graph_mws.py cases, on a real SQLite graph.</summary>
public sealed class GraphMwsTests : IDisposable
{
    private static readonly Roi Roi = new(new Coordinate(0, 0), new Coordinate(10, 10));
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private SqliteGraphConfig Graph(string name, params string[] edgeAttrs) => new()
    {
        Path = temp.Combine(name + ".sqlite"),
        Ndim = 2,
        EdgeAttrs = edgeAttrs.ToDictionary(a => a, _ => "float"),
    };

    private static void Write(GraphDatabaseConfig config, (ulong Id, float Y, float X)[] nodes, (ulong U, ulong V, string Attr, float? Value)[] edges)
    {
        config.Init();
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var nodeTable = db.CreateNodeTable();
        foreach (var (id, y, x) in nodes)
        {
            nodeTable.Add(id, [y, x]);
        }

        db.WriteNodes(nodeTable);
        var edgeTable = db.CreateEdgeTable();
        foreach (var (u, v, attr, value) in edges)
        {
            int row = edgeTable.Add(u, v);
            foreach (var column in edgeTable.Columns.Where(c => c.Name != "distance"))
            {
                column.SetNull(row);
            }

            if (value is { } present)
            {
                edgeTable.Floats(attr).SetNull(row, false);
                edgeTable.Floats(attr)[row] = present;
            }
        }

        db.WriteEdges(edgeTable);
    }

    // Nodes 1, 2, 3; edges (2,3) = 0.75, (1,2) = 0.75, (1,3) = 0 inserted in that order.
    private SqliteGraphConfig TiedGraph()
    {
        var graph = Graph("tied", "adj_weight");
        Write(graph, [(1, 1, 1), (2, 1, 5), (3, 5, 5)], [(2, 3, "adj_weight", 0.75f), (1, 2, "adj_weight", 0.75f), (1, 3, "adj_weight", 0f)]);
        return graph;
    }

    private GraphMws Task(GraphDatabaseConfig graph, Dictionary<string, EdgeWeight> weights, bool edgePerAttr = true, bool boundedRead = true, Lut? starting = null) => new()
    {
        Db = graph,
        Lut = new Lut { Path = temp.Combine("lut") },
        StartingLut = starting,
        Weights = weights,
        EdgePerAttr = edgePerAttr,
        BoundedRead = boundedRead,
        Roi = Roi,
    };

    private RunOptions Options() => new() { Mode = ExecutionMode.Serial, LogDirectory = temp.Combine("logs"), Progress = new StringWriter(), RedrawProgress = false };

    private static List<HashSet<ulong>> Partition(FragmentSegmentLut lut) =>
        lut.Fragments.Zip(lut.Segments).GroupBy(p => p.Second).Select(g => g.Select(p => p.First).ToHashSet()).OrderBy(s => s.Min()).ToList();

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void TiedScoresKeepEnumerationOrder(bool boundedRead, bool edgePerAttr)
    {
        var task = Task(TiedGraph(), new() { ["adj_weight"] = (2.0, -1.0) }, edgePerAttr, boundedRead);
        Assert.Equal("lut-graph-mws", task.Name);
        var result = Runner.Run(task, Options());
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(1, result[task.Name].Total);

        var lut = task.Lut.Load()!;
        var partition = Partition(lut);
        Assert.Equal(2, partition.Count);
        Assert.Equal([1UL, 2], partition[0].Order().ToArray());
        Assert.Equal([3UL], partition[1].Order().ToArray());
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(-0.5, 2)]
    public void BiasDecidesMergeOrSplit(double bias, int segments)
    {
        var graph = Graph("pair", "y_aff");
        Write(graph, [(1, 4, 2), (2, 4, 7)], [(1, 2, "y_aff", 0f)]);
        var task = Task(graph, new() { ["y_aff"] = (1.0, bias) });
        Assert.True(Runner.Run(task, Options()).Succeeded);
        var lut = task.Lut.Load()!;
        Assert.Equal([1UL, 2], lut.Fragments.Order().ToArray());
        Assert.Equal(segments, lut.Segments.Distinct().Count());
    }

    [Fact]
    public void StartingLutGroupsMergeFirst()
    {
        var starting = new Lut { Path = temp.Combine("start") };
        starting.Save(new FragmentSegmentLut([1, 2, 3], [1, 2, 1]));
        var task = Task(TiedGraph(), new() { ["adj_weight"] = (2.0, -1.0) }, starting: starting);
        Assert.True(Runner.Run(task, Options()).Succeeded);
        var lut = task.Lut.Load()!;
        var segmentOf = lut.Fragments.Zip(lut.Segments).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(segmentOf[1], segmentOf[3]);
    }

    [Fact]
    public void AStartingLutMissingANodeIsAnErrorNamingIt()
    {
        var starting = new Lut { Path = temp.Combine("start") };
        starting.Save(new FragmentSegmentLut([1, 2], [1, 1]));
        var task = Task(TiedGraph(), new() { ["adj_weight"] = (2.0, -1.0) }, starting: starting);
        var error = Assert.Throws<KeyNotFoundException>(() => task.Compute());
        Assert.Contains("node 3", error.Message);
        Assert.Contains("start.npz", error.Message);
    }

    [Fact]
    public void SummedScoresAndMissingAttributes()
    {
        // (1,2): a = 1, b = 1 → per attribute +0.5, −0.2 (merge first), summed +0.3.
        // (2,3): only b = 0.1 → per attribute −0.6; summed −0.6. (3,4): neither → no edge per attribute, score 0 summed.
        var graph = Graph("two", "a", "b");
        graph.Init();
        using (var db = graph.Open(GraphOpenMode.ReadWrite))
        {
            var nodes = db.CreateNodeTable();
            nodes.Add(1, [0, 0]);
            nodes.Add(2, [0, 1]);
            nodes.Add(3, [0, 2]);
            nodes.Add(4, [0, 3]);
            db.WriteNodes(nodes);
            var edges = db.CreateEdgeTable();
            int r = edges.Add(1, 2);
            edges.Floats("a")[r] = 1;
            edges.Floats("b")[r] = 1;
            r = edges.Add(2, 3);
            edges.Floats("a").SetNull(r);
            edges.Floats("b")[r] = 0.1f;
            r = edges.Add(3, 4);
            edges.Floats("a").SetNull(r);
            edges.Floats("b").SetNull(r);
            db.WriteEdges(edges);
        }

        Dictionary<string, EdgeWeight> weights = new() { ["a"] = (1.0, -0.5), ["b"] = (1.0, -1.2) };
        using (var db = graph.Open(GraphOpenMode.Read))
        {
            var edges = db.ReadAllEdges();
            var perAttr = GraphMwsKernel.Score(edges, weights, edgePerAttr: true, "t");
            Assert.Equal([1UL, 1, 2], perAttr.Sources);
            Assert.Equal([2UL, 2, 3], perAttr.Targets);
            Assert.Equal([0.5, -0.2, -1.1], perAttr.Scores.Select(s => Math.Round(s, 6)));
            var summed = GraphMwsKernel.Score(edges, weights, edgePerAttr: false, "t");
            Assert.Equal([1UL, 2, 3], summed.Sources);
            Assert.Equal([0.3, -1.1, 0], summed.Scores.Select(s => Math.Round(s, 6)));
        }

        var lut = Task(graph, weights, edgePerAttr: false).Compute();
        var partition = Partition(lut);
        Assert.Equal([[1UL, 2], [3UL], [4UL]], partition.Select(s => s.Order().ToArray()));
    }

    [Fact]
    public void NoEdgesGiveAnEmptyTable()
    {
        var graph = Graph("empty", "adj_weight");
        Write(graph, [(1, 1, 1)], []);
        var task = Task(graph, new() { ["adj_weight"] = (1.0, 0.0) });
        Assert.True(Runner.Run(task, Options()).Succeeded);
        Assert.Equal(0, task.Lut.Load()!.Count);
    }

    [Fact]
    public void BoundedReadSkipsEdgesOutsideTheRoi()
    {
        var graph = Graph("bounded", "adj_weight");
        Write(graph, [(1, 1, 1), (2, 1, 2), (3, 20, 20), (4, 20, 21)], [(1, 2, "adj_weight", 1f), (3, 4, "adj_weight", 1f)]);
        var bounded = Task(graph, new() { ["adj_weight"] = (1.0, -0.5) }).Compute();
        Assert.Equal([1UL, 2], bounded.Fragments.Order().ToArray());
        var unbounded = Task(graph, new() { ["adj_weight"] = (1.0, -0.5) }, boundedRead: false).Compute();
        Assert.Equal([1UL, 2, 3, 4], unbounded.Fragments.Order().ToArray());
    }

    [Fact]
    public void WeightsMustNameDeclaredEdgeAttributes()
    {
        var task = Task(TiedGraph(), new() { ["lr_weight"] = (1.0, 0.0) });
        var error = Assert.ThrowsAny<ArgumentException>(() => task.CreateProcessor(worker: 0));
        Assert.Contains("lr_weight", error.Message);
    }

    [Fact]
    public void DropRemovesTheLut()
    {
        var task = Task(TiedGraph(), new() { ["adj_weight"] = (2.0, -1.0) });
        var options = Options();
        Assert.True(Runner.Run(task, options).Succeeded);
        Assert.True(task.Lut.Exists());
        Runner.Drop(task, options.LogDirectory);
        Assert.False(task.Lut.Exists());
    }

    [Fact]
    public void ConfigurationRoundTripsWithVolarasFieldNames()
    {
        var task = Task(TiedGraph(), new() { ["adj_weight"] = (1.0, -0.4), ["lr_weight"] = (1.0, -0.7) }, edgePerAttr: false);
        var config = task.ToConfig()!;
        Assert.Equal("graph-mws", config["task_type"]!.GetValue<string>());
        Assert.Equal("[1,-0.4]", config["weights"]!["adj_weight"]!.ToJsonString());
        Assert.False(config["edge_per_attr"]!.GetValue<bool>());
        Assert.Equal("sqlite", config["db"]!["db_type"]!.GetValue<string>());
        var back = DescribedTasks.FromConfig<GraphMws>(JsonNode.Parse(config.ToJsonString())!.AsObject());
        Assert.Equal(task.Weights.ToArray(), back.Weights.ToArray());
        Assert.Equal(task.Roi, back.Roi);
        Assert.Equal(task.Lut, back.Lut);
    }
}
