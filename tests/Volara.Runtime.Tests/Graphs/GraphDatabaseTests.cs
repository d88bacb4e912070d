using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;

namespace Volara.Runtime.Tests.Graphs;

/// <summary>The behaviour every graph database backend must show; run once per backend by the subclasses.</summary>
public abstract class GraphDatabaseTests
{
    private static readonly Dictionary<string, string> CatalogueNodeAttrs = new() { ["color"] = "3" };
    private static readonly Dictionary<string, string> CatalogueEdgeAttrs = new() { ["y_aff"] = "float" };

    /// <summary>A config for a graph that does not exist yet (a fresh file or database).</summary>
    protected abstract GraphDatabaseConfig NewConfig(IReadOnlyDictionary<string, string>? nodeAttrs, IReadOnlyDictionary<string, string>? edgeAttrs, int ndim);

    /// <summary>True when the nodes table has its position index <c>pos_index</c>.</summary>
    protected abstract bool HasPositionIndex(GraphDatabaseConfig config);

    [Fact]
    public void VolaraCatalogue_InitWriteReadDropEdgesDrop()
    {
        var config = NewConfig(CatalogueNodeAttrs, CatalogueEdgeAttrs, 2);
        Assert.Throws<GraphNotFoundException>(() => config.Open(GraphOpenMode.Read));

        config.Init();
        using (var db = config.Open(GraphOpenMode.Read))
        {
            Assert.Equal(0, db.ReadAllNodes().Count);
            Assert.Equal(0, db.ReadAllEdges().Count);
        }

        using (var db = config.Open(GraphOpenMode.ReadWrite))
        {
            var nodes = db.CreateNodeTable();
            var a = nodes.Add(0, [0, 0]);
            new float[] { 155, 100, 0 }.CopyTo(nodes.Floats("color").Row(a));
            var b = nodes.Add(1, [1, 1]);
            new float[] { 55, 100, 155 }.CopyTo(nodes.Floats("color").Row(b));
            Assert.Equal(2, db.WriteNodes(nodes));
            var edges = db.CreateEdgeTable();
            var e = edges.Add(0, 1);
            edges.Floats("y_aff")[e] = 0.5f;
            Assert.Equal(1, db.WriteEdges(edges));
        }

        using (var db = config.Open(GraphOpenMode.Read))
        {
            var nodes = db.ReadAllNodes();
            Assert.Equal([0UL, 1UL], nodes.Ids.ToArray());
            Assert.Equal([0f, 0f, 1f, 1f], nodes.Positions.ToArray());
            Assert.Equal([155f, 100f, 0f, 55f, 100f, 155f], nodes.Floats("color").Values.ToArray());
            var edges = db.ReadAllEdges();
            Assert.Equal(1, edges.Count);
            Assert.Equal((0UL, 1UL), (edges.U[0], edges.V[0]));
            Assert.Equal(0.5f, edges.Floats("y_aff")[0]);
        }

        config.DropEdges();
        using (var db = config.Open(GraphOpenMode.Read))
        {
            Assert.Equal(2, db.ReadAllNodes().Count);
            Assert.Equal(0, db.ReadAllEdges().Count);
        }

        config.Drop();
        Assert.Throws<GraphNotFoundException>(() => config.Open(GraphOpenMode.Read));
        using (var db = config.Open(GraphOpenMode.Write))
        {
            Assert.Equal(0, db.ReadAllNodes().Count);
        }
    }

    [Fact]
    public void DropAndDropEdges_OfAMissingGraph_DoNothing()
    {
        var config = NewConfig(null, null, 3);
        config.DropEdges();
        config.Drop();
        Assert.Throws<GraphNotFoundException>(() => config.Open(GraphOpenMode.Read));
    }

    [Fact]
    public void Init_KeepsExistingRows()
    {
        var config = NewConfig(null, null, 3);
        config.Init();
        WriteNodes(config, (7, [1, 2, 3]));
        config.Init();
        using var db = config.Open(GraphOpenMode.Read);
        Assert.Equal([7UL], db.ReadAllNodes().Ids.ToArray());
    }

    [Fact]
    public void ModeW_DropsExistingRows()
    {
        var config = NewConfig(null, null, 3);
        WriteNodes(config, (7, [1, 2, 3]));
        using var db = config.Open(GraphOpenMode.Write);
        Assert.Equal(0, db.ReadAllNodes().Count);
    }

    [Fact]
    public void ReadNodes_RoiIsHalfOpenAtEveryBoxEdge()
    {
        var config = NewConfig(null, null, 3);
        // The ROI is [10, 20) in every dim; probe each dim at begin - ε, begin, end - ε, end.
        var nodes = new List<(ulong, float[])>();
        ulong id = 1;
        foreach (var dim in new[] { 0, 1, 2 })
        {
            foreach (var value in new[] { 9.999f, 10f, 19.999f, 20f })
            {
                var position = new float[] { 15, 15, 15 };
                position[dim] = value;
                nodes.Add((id++, position));
            }
        }

        WriteNodes(config, [.. nodes]);
        using var db = config.Open(GraphOpenMode.Read);
        var read = db.ReadNodes(new Roi(new Coordinate(10, 10, 10), new Coordinate(10, 10, 10)));
        var expected = nodes.Where(n => n.Item2.All(p => p >= 10 && p < 20)).Select(n => n.Item1).ToArray();
        Assert.Equal(6, expected.Length);
        Assert.Equal(expected, read.Ids.ToArray());
    }

    [Fact]
    public void ReadNodes_UnboundedDimsAreNotFiltered()
    {
        var config = NewConfig(null, null, 2);
        WriteNodes(config, (1, [-1e6f, 5]), (2, [1e6f, 5]), (3, [0, 50]));
        using var db = config.Open(GraphOpenMode.Read);
        var roi = new Roi(new Coordinate([null, 0]), new Coordinate([null, 10]));
        Assert.Equal([1UL, 2UL], db.ReadNodes(roi).Ids.ToArray());
        Assert.Equal([1UL, 2UL, 3UL], db.ReadNodes(Roi.AllUnbounded(2)).Ids.ToArray());
    }

    [Fact]
    public void ReadNodes_MatchesABruteForceFilterOnRandomPoints()
    {
        var config = NewConfig(null, null, 3);
        var random = new Random(5);
        var points = Enumerable.Range(1, 2000)
            .Select(i => ((ulong)i, new float[] { random.Next(0, 40), random.Next(0, 40) + 0.5f * random.Next(0, 2), random.Next(0, 40) }))
            .ToArray();
        WriteNodes(config, points);
        using var db = config.Open(GraphOpenMode.Read);
        for (var trial = 0; trial < 10; trial++)
        {
            var begin = new long[] { random.Next(0, 30), random.Next(0, 30), random.Next(0, 30) };
            var shape = new long[] { random.Next(1, 15), random.Next(1, 15), random.Next(1, 15) };
            var roi = new Roi(new Coordinate(begin), new Coordinate(shape));
            var expected = points
                .Where(p => Enumerable.Range(0, 3).All(d => p.Item2[d] >= begin[d] && p.Item2[d] < begin[d] + shape[d]))
                .Select(p => p.Item1)
                .ToArray();
            Assert.Equal(expected, db.ReadNodes(roi).Ids.ToArray());
        }
    }

    [Fact]
    public void ReadEdges_BelongToTheirUEndpoint_OrEitherWithFetchOnV()
    {
        var config = NewConfig(null, null, 1);
        // Node i sits at position i; the ROI [0, 10) holds nodes 1..9.
        WriteNodes(config, (1, [1]), (5, [5]), (20, [20]), (30, [30]));
        WriteEdges(config, (1, 5), (5, 20), (20, 30), (3, 30));
        using var db = config.Open(GraphOpenMode.Read);
        var roi = new Roi(new Coordinate(0), new Coordinate(10));

        var byU = db.ReadEdges(roi);
        Assert.Equal([(1UL, 5UL), (5UL, 20UL)], Pairs(byU));

        // (3, 30): node 3 does not exist, so only v could match, and node 30 is outside the ROI.
        var either = db.ReadEdges(new Roi(new Coordinate(15), new Coordinate(20)), fetchOnV: true);
        Assert.Equal([(3UL, 30UL), (5UL, 20UL), (20UL, 30UL)], Pairs(either));
        Assert.Equal([(20UL, 30UL)], Pairs(db.ReadEdges(new Roi(new Coordinate(15), new Coordinate(20)))));

        // Unbounded: every edge, also those whose endpoints have no node.
        Assert.Equal([(1UL, 5UL), (3UL, 30UL), (5UL, 20UL), (20UL, 30UL)], Pairs(db.ReadAllEdges()));
    }

    [Fact]
    public void WriteEdges_NormalisesToMinMax_AndIgnoresDuplicates()
    {
        var config = NewConfig(null, null, 3);
        config.Init();
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var edges = db.CreateEdgeTable();
        edges.Floats("distance")[edges.Add(9, 2)] = 1.5f;
        edges.Floats("distance")[edges.Add(2, 9)] = 7f;
        edges.Floats("distance")[edges.Add(4, 4)] = 2f;
        Assert.Equal(2, db.WriteEdges(edges));

        var again = db.CreateEdgeTable();
        again.Floats("distance")[again.Add(2, 9)] = 100f;
        Assert.Equal(0, db.WriteEdges(again));

        var read = db.ReadAllEdges();
        Assert.Equal([(2UL, 9UL), (4UL, 4UL)], Pairs(read));
        Assert.Equal([1.5f, 2f], read.Floats("distance").Values.ToArray());
    }

    [Fact]
    public void WriteNodes_InsertOrIgnore_ExistingRowsWin()
    {
        var config = NewConfig(null, null, 3);
        config.Init();
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var first = db.CreateNodeTable();
        first.Ints("size")[first.Add(1, [1, 1, 1])] = 10;
        Assert.Equal(1, db.WriteNodes(first));

        var second = db.CreateNodeTable();
        second.Ints("size")[second.Add(1, [5, 5, 5])] = 20;
        second.Ints("size")[second.Add(2, [2, 2, 2])] = 30;
        second.Ints("size")[second.Add(2, [3, 3, 3])] = 40;
        Assert.Equal(1, db.WriteNodes(second));

        var read = db.ReadAllNodes();
        Assert.Equal([1UL, 2UL], read.Ids.ToArray());
        Assert.Equal([10L, 30L], read.Ints("size").Values.ToArray());
        Assert.Equal([1f, 1f, 1f, 2f, 2f, 2f], read.Positions.ToArray());
    }

    [Fact]
    public void WriteNodes_WithRoi_WritesOnlyNodesInside()
    {
        var config = NewConfig(null, null, 2);
        config.Init();
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var nodes = db.CreateNodeTable();
        nodes.Add(1, [0, 0]);
        nodes.Add(2, [9.5f, 9.5f]);
        nodes.Add(3, [10, 0]);
        nodes.Add(4, [-0.5f, 3]);
        Assert.Equal(2, db.WriteNodes(nodes, new Roi(new Coordinate(0, 0), new Coordinate(10, 10))));
        Assert.Equal([1UL, 2UL], db.ReadAllNodes().Ids.ToArray());
    }

    [Fact]
    public void WriteEdges_WithRoi_WritesEdgesOwnedByTheLowerEndpointOnce()
    {
        var config = NewConfig(null, null, 1);
        WriteNodes(config, (1, [1]), (2, [12]), (3, [3]), (4, [14]));
        var blocks = new[] { new Roi(new Coordinate(0), new Coordinate(10)), new Roi(new Coordinate(10), new Coordinate(10)) };
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var written = 0;
        foreach (var block in blocks)
        {
            // Every block offers every edge (as blocks with context see their neighbours' fragments).
            var edges = db.CreateEdgeTable();
            foreach (var (u, v) in new (ulong, ulong)[] { (1, 2), (2, 3), (2, 4), (3, 1), (4, 9) })
            {
                edges.Add(u, v);
            }

            written += db.WriteEdges(edges, block);
        }

        // (4, 9): lower endpoint 4 in block 2. (1, 2), (1, 3), (2, 3) owned by block 1; (2, 4) by block 2.
        Assert.Equal(5, written);
        Assert.Equal([(1UL, 2UL), (1UL, 3UL), (2UL, 3UL), (2UL, 4UL), (4UL, 9UL)], Pairs(db.ReadAllEdges()));
    }

    [Fact]
    public void WriteEdges_WithRoi_SkipsEdgesWhoseLowerEndpointHasNoNode()
    {
        var config = NewConfig(null, null, 1);
        WriteNodes(config, (5, [5]));
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var edges = db.CreateEdgeTable();
        edges.Add(5, 1);
        edges.Add(5, 8);
        Assert.Equal(1, db.WriteEdges(edges, new Roi(new Coordinate(0), new Coordinate(10))));
        Assert.Equal([(5UL, 8UL)], Pairs(db.ReadAllEdges()));
    }

    [Fact]
    public void AttributeTypes_RoundTrip_WithNulls()
    {
        var nodeAttrs = new Dictionary<string, string> { ["label"] = "str", ["flag"] = "bool", ["count"] = "int", ["score"] = "float", ["rgb"] = "Vec(float, 3)" };
        var edgeAttrs = new Dictionary<string, string> { ["merge"] = "bool", ["name"] = "str", ["hist"] = "Vec(int, 2)" };
        var config = NewConfig(nodeAttrs, edgeAttrs, 3);
        config.Init();
        using (var db = config.Open(GraphOpenMode.ReadWrite))
        {
            var nodes = db.CreateNodeTable();
            var a = nodes.Add(4_000_000_001, [1.25f, -2.5f, 3e5f]);
            nodes.Strings("label")[a] = "alpha βeta";
            nodes.Bools("flag")[a] = true;
            nodes.Ints("count")[a] = long.MinValue;
            nodes.Floats("score")[a] = 0.1f;
            new float[] { 1, 2, 3 }.CopyTo(nodes.Floats("rgb").Row(a));
            nodes.Ints("size")[a] = 123456789012;
            nodes.Bools("filtered")[a] = true;

            var b = nodes.Add(long.MaxValue, [0, 0, 0]);
            nodes.Strings("label")[b] = null;
            nodes.Column("flag").SetNull(b);
            nodes.Column("count").SetNull(b);
            nodes.Column("score").SetNull(b);
            nodes.Column("rgb").SetNull(b);
            db.WriteNodes(nodes);

            var edges = db.CreateEdgeTable();
            var e = edges.Add(4_000_000_001, long.MaxValue);
            edges.Bools("merge")[e] = true;
            edges.Strings("name")[e] = "";
            new long[] { -1, 1L << 40 }.CopyTo(edges.Ints("hist").Row(e));
            edges.Column("distance").SetNull(e);
            db.WriteEdges(edges);
        }

        using (var db = config.Open(GraphOpenMode.Read))
        {
            var nodes = db.ReadAllNodes();
            Assert.Equal([4_000_000_001UL, (ulong)long.MaxValue], nodes.Ids.ToArray());
            Assert.Equal([1.25f, -2.5f, 3e5f], nodes.Position(0).ToArray());
            Assert.Equal("alpha βeta", nodes.Strings("label")[0]);
            Assert.True(nodes.Bools("flag")[0]);
            Assert.Equal(long.MinValue, nodes.Ints("count")[0]);
            Assert.Equal(0.1f, nodes.Floats("score")[0]);
            Assert.Equal([1f, 2f, 3f], nodes.Floats("rgb").Row(0).ToArray());
            Assert.Equal(123456789012L, nodes.Ints("size")[0]);
            Assert.True(nodes.Bools("filtered")[0]);
            Assert.False(nodes.Column("label").IsNull(0));

            Assert.Null(nodes.Strings("label")[1]);
            foreach (var name in new[] { "label", "flag", "count", "score", "rgb" })
            {
                Assert.True(nodes.Column(name).IsNull(1), name);
            }

            Assert.False(nodes.Column("size").IsNull(1));

            var edges = db.ReadAllEdges();
            Assert.True(edges.Bools("merge")[0]);
            Assert.Equal("", edges.Strings("name")[0]);
            Assert.Equal([-1L, 1L << 40], edges.Ints("hist").Row(0).ToArray());
            Assert.True(edges.Column("distance").IsNull(0));
        }
    }

    [Fact]
    public void BulkWriteMode_WritesManyRowsAndRebuildsTheIndex()
    {
        var config = NewConfig(new Dictionary<string, string> { ["mean"] = "float" }, new Dictionary<string, string> { ["score"] = "float" }, 3);
        const int count = 20_000;
        using (config.BeginBulkWrite())
        {
            using var db = config.Open(GraphOpenMode.ReadWrite);

            // Opening handles (as every block does) must not bring the dropped index back.
            Assert.False(HasPositionIndex(config));
            var nodes = db.CreateNodeTable(count);
            nodes.Resize(count);
            var edges = db.CreateEdgeTable(count);
            edges.Resize(count);
            for (var i = 0; i < count; i++)
            {
                nodes.Ids[i] = (ulong)(i + 1);
                nodes.Positions[3 * i] = i % 100;
                nodes.Positions[3 * i + 1] = i / 100 % 100;
                nodes.Positions[3 * i + 2] = i / 10000;
                nodes.Ints("size")[i] = i;
                nodes.Floats("mean")[i] = i * 0.5f;
                edges.U[i] = (ulong)(i + 1);
                edges.V[i] = (ulong)(i % count + 2);
                edges.Floats("score")[i] = i;
            }

            Assert.Equal(count, db.WriteNodes(nodes));
            Assert.Equal(count, db.WriteEdges(edges));
        }

        Assert.True(HasPositionIndex(config));
        using var read = config.Open(GraphOpenMode.Read);
        var all = read.ReadAllNodes();
        Assert.Equal(count, all.Count);
        Assert.Equal(19_999 * 0.5f, all.Floats("mean")[count - 1]);
        Assert.Equal(count, read.ReadAllEdges().Count);
        var roi = new Roi(new Coordinate(0, 0, 1), new Coordinate(10, 10, 1));
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(y => Enumerable.Range(0, 10).Select(x => (ulong)(10_000 + y * 100 + x + 1))).ToArray(), read.ReadNodes(roi).Ids.ToArray());
    }

    [Fact]
    public async Task ConcurrentWriters_EachOnItsOwnHandle_WriteTheUnion()
    {
        var config = NewConfig(null, null, 3);
        config.Init();
        const int writers = 4;
        const int perWriter = 3000;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            // Writers overlap by half their ids, in opposite orders for odd writers.
            for (var batch = 0; batch < 3; batch++)
            {
                using var db = config.Open(GraphOpenMode.ReadWrite);
                var nodes = db.CreateNodeTable(perWriter);
                var edges = db.CreateEdgeTable(perWriter);
                for (var i = 0; i < perWriter; i++)
                {
                    var k = w % 2 == 0 ? i : perWriter - 1 - i;
                    var id = (ulong)(w * perWriter / 2 + k + 1);
                    nodes.Add(id, [k, w, batch]);
                    edges.Add(id, id + 1);
                }

                db.WriteNodes(nodes);
                db.WriteEdges(edges);
                _ = db.ReadNodes(new Roi(new Coordinate(0, 0, 0), new Coordinate(100, 4, 3))).Count;
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        using var read = config.Open(GraphOpenMode.Read);
        var expectedIds = Enumerable.Range(1, (writers + 1) * perWriter / 2).Select(i => (ulong)i).ToArray();
        Assert.Equal(expectedIds, read.ReadAllNodes().Ids.ToArray());
        Assert.Equal(expectedIds, read.ReadAllEdges().U.ToArray());
    }

    [Fact]
    public void Open_WithOtherAttributes_NamesTheDatabaseAndTheDifference()
    {
        var config = NewConfig(new Dictionary<string, string> { ["a"] = "float" }, null, 3);
        config.Init();
        var other = config with { NodeAttrs = new Dictionary<string, string> { ["a"] = "int" } };
        var error = Assert.Throws<GraphSchemaMismatchException>(() => other.Open(GraphOpenMode.ReadWrite));
        Assert.Contains(config.Id, error.Message);
        Assert.Contains("a: int", error.Message);
        Assert.Contains("a: float", error.Message);

        var otherDims = config with { Ndim = 2 };
        Assert.Throws<GraphSchemaMismatchException>(() => otherDims.Open(GraphOpenMode.Read));

        // Mode w replaces the graph with the new declaration.
        other.Open(GraphOpenMode.Write).Dispose();
        other.Open(GraphOpenMode.Read).Dispose();
    }

    [Fact]
    public void BadInput_IsRefusedWithClearErrors()
    {
        var config = NewConfig(null, null, 3);
        config.Init();
        using (var db = config.Open(GraphOpenMode.Read))
        {
            var nodes = db.CreateNodeTable();
            nodes.Add(1, [0, 0, 0]);
            var readOnly = Assert.Throws<InvalidOperationException>(() => db.WriteNodes(nodes));
            Assert.Contains("read-only", readOnly.Message);
            Assert.Throws<ArgumentException>(() => db.ReadNodes(new Roi(new Coordinate(0, 0), new Coordinate(1, 1))));
        }

        using (var db = config.Open(GraphOpenMode.ReadWrite))
        {
            var tooLarge = db.CreateNodeTable();
            tooLarge.Add(ulong.MaxValue, [0, 0, 0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => db.WriteNodes(tooLarge));

            var foreign = new NodeTable(3, [new GraphAttribute("other", new GraphAttributeType(GraphValueKind.Int))]);
            foreign.Add(1, [0, 0, 0]);
            var mismatch = Assert.Throws<ArgumentException>(() => db.WriteNodes(foreign));
            Assert.Contains("other: int", mismatch.Message);

            var nodes = db.CreateNodeTable();
            Assert.Throws<ArgumentException>(() => nodes.Add(1, [0, 0]));
            Assert.Throws<KeyNotFoundException>(() => nodes.Column("missing"));
            Assert.Throws<InvalidCastException>(() => nodes.Floats("size"));
        }

        Assert.Throws<ArgumentException>(() => NewConfig(new Dictionary<string, string> { ["bad name"] = "int" }, null, 3).Open(GraphOpenMode.Write));
        Assert.Throws<ArgumentException>(() => NewConfig(new Dictionary<string, string> { ["x"] = "complex" }, null, 3).Open(GraphOpenMode.Write));
        Assert.Throws<ArgumentException>(() => NewConfig(null, new Dictionary<string, string> { ["u"] = "int" }, 3).Open(GraphOpenMode.Write));
    }

    private static void WriteNodes(GraphDatabaseConfig config, params (ulong Id, float[] Position)[] rows)
    {
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var nodes = db.CreateNodeTable();
        foreach (var (id, position) in rows)
        {
            nodes.Add(id, position);
        }

        Assert.Equal(rows.Length, db.WriteNodes(nodes));
    }

    private static void WriteEdges(GraphDatabaseConfig config, params (ulong U, ulong V)[] rows)
    {
        using var db = config.Open(GraphOpenMode.ReadWrite);
        var edges = db.CreateEdgeTable();
        foreach (var (u, v) in rows)
        {
            edges.Add(u, v);
        }

        Assert.Equal(rows.Length, db.WriteEdges(edges));
    }

    private static (ulong, ulong)[] Pairs(EdgeTable edges)
    {
        var pairs = new (ulong, ulong)[edges.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (edges.U[i], edges.V[i]);
        }

        return pairs;
    }
}
