using System.Globalization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tasks.Kernels;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Tasks;

public class DistanceAgglomTests : IDisposable
{
    private static readonly int[] TileShape = [8, 24, 24];
    private static readonly Coordinate TileVoxelSize = new(2L, 1L, 1L);
    private static readonly Coordinate TileOffset = new(4L, 3L, 2L);

    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>An empty graph with an <c>emb</c> 3-vector on the nodes and its similarity on the edges.</summary>
    protected virtual GraphDatabaseConfig NewDb(string name, int ndim, IReadOnlyDictionary<string, string> nodeAttrs, IReadOnlyDictionary<string, string>? edgeAttrs) =>
        new SqliteGraphConfig { Path = temp.Combine(name + ".sqlite"), Ndim = ndim, NodeAttrs = nodeAttrs, EdgeAttrs = edgeAttrs };

    /// <summary>Blobby random labels: each voxel copies a neighbour before it, or starts a new random (large) id or background.</summary>
    private static ulong[] RandomLabels(int[] shape, int seed)
    {
        var random = new Random(seed);
        ulong[] ids = [.. Enumerable.Range(0, 7).Select(_ => (ulong)random.NextInt64(1, long.MaxValue))];
        var labels = new ulong[shape.Aggregate(1, (a, b) => a * b)];
        foreach (var index in SurfaceReference.Indices(shape))
        {
            int axis = random.Next(shape.Length);
            if (index[axis] > 0 && random.NextDouble() < 0.7)
            {
                var before = (int[])index.Clone();
                before[axis]--;
                labels[SurfaceReference.Linear(index, shape)] = labels[SurfaceReference.Linear(before, shape)];
            }
            else
            {
                labels[SurfaceReference.Linear(index, shape)] = random.Next(5) == 0 ? 0 : ids[random.Next(ids.Length)];
            }
        }

        return labels;
    }

    [Theory]
    [InlineData(1, new[] { 9, 11 }, new[] { 1.0, 1.0 }, 2.5)]
    [InlineData(2, new[] { 13, 7 }, new[] { 3.0, 2.0 }, 6.0)]
    [InlineData(3, new[] { 5, 7, 6 }, new[] { 2.0, 1.0, 1.0 }, 3.0)]
    [InlineData(4, new[] { 4, 6, 9 }, new[] { 1.0, 1.0, 1.0 }, 1.8)]
    public void ClosestSurfacesMatchAllPairsBruteForce(int seed, int[] shape, double[] voxelSize, double threshold)
    {
        var labels = RandomLabels(shape, seed);
        var expected = SurfaceReference.ClosePairs(labels, shape, voxelSize, threshold);
        var found = SurfaceDistances.Find(labels, new VoxelGrid(shape), new int[shape.Length], shape, voxelSize, threshold);

        Assert.True(expected.Count >= 3, $"only {expected.Count} close pairs: the case proves little");
        Assert.Equal(expected.Select(p => (p.Key.Item1, p.Key.Item2, p.Value)), found.Select(p => (p.U, p.V, p.Distance)));
    }

    [Fact]
    public void SurfacesFollowScipysLaplacian()
    {
        int[] shape = [6, 9, 8];
        var labels = RandomLabels(shape, 11);
        string file = temp.Combine("labels.bin");
        File.WriteAllBytes(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
        string output = ReferencePython.Run(
            """
            import sys, numpy as np
            from scipy.ndimage import laplace
            labels = np.fromfile(sys.argv[1], dtype=np.uint64).reshape(6, 9, 8)
            surface = (laplace(labels) != 0) & (labels != 0)
            points = np.argwhere(surface)
            values = labels[surface]
            best = {}
            for i in range(len(points)):
                d = np.sqrt((((points - points[i]) * np.array([2.0, 1.5, 1.0])) ** 2).sum(axis=1))
                for j in np.nonzero((d <= 3.2) & (values != values[i]))[0]:
                    key = (min(int(values[i]), int(values[j])), max(int(values[i]), int(values[j])))
                    best[key] = min(best.get(key, np.inf), d[j])
            for (u, v), d in sorted(best.items()):
                print(u, v, repr(float(d)))
            """,
            file);
        var expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(p => (ulong.Parse(p[0], CultureInfo.InvariantCulture), ulong.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture)))
            .ToList();

        var found = SurfaceDistances.Find(labels, new VoxelGrid(shape), new int[3], shape, [2.0, 1.5, 1.0], 3.2);

        Assert.True(expected.Count >= 3);
        Assert.Equal(expected.Select(p => (p.Item1, p.Item2)), found.Select(p => (p.U, p.V)));
        Assert.Equal(expected.Select(p => p.Item3), found.Select(p => p.Distance), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    /// <summary>Fragments are 2×3×3 tiles with random ids (some background), so their extent is bounded.</summary>
    private (Labels Frags, ulong[] Labels) WriteTiles(int seed)
    {
        var random = new Random(seed);
        var labels = new ulong[TileShape.Aggregate(1, (a, b) => a * b)];
        var tileIds = new Dictionary<(int, int, int), ulong>();
        foreach (var index in SurfaceReference.Indices(TileShape))
        {
            var tile = (index[0] / 2, index[1] / 3, index[2] / 3);
            if (!tileIds.TryGetValue(tile, out ulong id))
            {
                id = random.Next(6) == 0 ? 0 : (ulong)random.NextInt64(1, 1L << 40);
                tileIds[tile] = id;
            }

            labels[SurfaceReference.Linear(index, TileShape)] = id;
        }

        var frags = new Labels { Store = temp.Combine("data.zarr", "frags") };
        var array = VolumeArray.Prepare(frags.Store, new PrepareOptions
        {
            Shape = [.. TileShape.Select(s => (long)s)], ChunkShape = [4, 8, 8], DataType = DataType.UInt64, VoxelSize = TileVoxelSize, Offset = TileOffset,
        });
        array.Write<ulong>(array.Roi, labels);
        return (frags, labels);
    }

    /// <summary>One node per label at its first voxel (world units), with a random 3-vector embedding <c>emb</c>.</summary>
    private static Dictionary<ulong, float[]> WriteNodes(GraphDatabaseConfig db, ulong[] labels, int[] shape, Coordinate voxelSize, Coordinate offset, int seed)
    {
        var random = new Random(seed);
        var embeddings = new Dictionary<ulong, float[]>();
        db.Init();
        using var graph = db.Open(GraphOpenMode.ReadWrite);
        var nodes = graph.CreateNodeTable();
        foreach (var index in SurfaceReference.Indices(shape))
        {
            ulong label = labels[SurfaceReference.Linear(index, shape)];
            if (label == 0 || embeddings.ContainsKey(label))
            {
                continue;
            }

            float[] position = [.. Enumerable.Range(0, shape.Length).Select(d => (float)(offset.ValueAt(d) + (index[d] * voxelSize.ValueAt(d))))];
            int row = nodes.Add(label, position);
            float[] embedding = [(float)random.NextDouble(), (float)random.NextDouble() - 0.5f, (float)random.NextDouble()];
            embedding.CopyTo(nodes.Floats("emb").Row(row));
            embeddings[label] = embedding;
        }

        graph.WriteNodes(nodes);
        return embeddings;
    }

    private GraphDatabaseConfig Db(string name, int ndim = 3, bool withSimilarity = true) =>
        NewDb(name, ndim, new Dictionary<string, string> { ["emb"] = "3" }, withSimilarity ? new Dictionary<string, string> { ["emb_similarity"] = "float" } : null);

    private RunOptions Options(ExecutionMode mode, string name) => new()
    {
        Mode = mode,
        LogDirectory = temp.Combine("logs-" + name),
        Progress = new StringWriter(),
        RedrawProgress = false,
    };

    private static double Cosine(float[] a, float[] b, double background)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (a[i] - background) * (b[i] - background);
            na += (a[i] - background) * (a[i] - background);
            nb += (b[i] - background) * (b[i] - background);
        }

        return dot / Math.Max(Math.Sqrt(na * nb), 1e-8);
    }

    [Theory]
    [InlineData(ExecutionMode.Serial, 5)]
    [InlineData(ExecutionMode.Threads, 6)]
    public void EdgesDoNotDependOnTheBlockSize(ExecutionMode mode, int seed)
    {
        var (frags, labels) = WriteTiles(seed);
        double[] voxelSize = [2, 1, 1];
        var reference = SurfaceReference.ClosePairs(labels, TileShape, voxelSize, 3.0);
        Assert.True(reference.Count > 50);

        foreach (var (name, block) in new[] { ("whole", new Coordinate(8L, 24L, 24L)), ("small", new Coordinate(4L, 8L, 8L)), ("odd", new Coordinate(3L, 5L, 7L)) })
        {
            var db = Db(name);
            var embeddings = WriteNodes(db, labels, TileShape, TileVoxelSize, TileOffset, seed);
            var task = new DistanceAgglom
            {
                Db = db, FragsData = frags, BlockSize = block, Context = new Coordinate(3L, 7L, 7L), DistanceThreshold = 3.0,
                DistanceKeys = ["emb"], BackgroundIntensities = [0.25], Execution = new ExecutionOptions { NumWorkers = 3 },
            };
            Assert.Equal("frags-distance-agglom", task.Name);
            var result = Runner.Run(task, Options(mode, name));
            Assert.True(result.Succeeded, result.Summary);

            using var graph = db.Open(GraphOpenMode.Read);
            var edges = graph.ReadAllEdges();
            Assert.Equal(reference.Keys, Enumerable.Range(0, edges.Count).Select(e => (edges.U[e], edges.V[e])));
            Assert.Equal(reference.Values.Select(d => (float)d), edges.Floats("distance").Values.ToArray());
            for (int e = 0; e < edges.Count; e++)
            {
                Assert.Equal((float)Cosine(embeddings[edges.U[e]], embeddings[edges.V[e]], 0.25), edges.Floats("emb_similarity")[e], 1e-6);
            }

            Assert.Equal(embeddings.Count, graph.ReadAllNodes().Count);
        }
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine, 0.65292862)]
    [InlineData(DistanceMetric.Euclidean, -5.0)]
    [InlineData(DistanceMetric.Max, -4.0)]
    public void SimilaritiesOfHandMadeEmbeddings(DistanceMetric metric, double expected)
    {
        // Two touching halves of a 2-D image; with background 1 the embeddings are (0, 1, 2) and (3, 5, 2):
        // cosine 9 / sqrt(5 · 38), euclidean −sqrt(9 + 16), max −4.
        var frags = new Labels { Store = temp.Combine("data.zarr", "halves") };
        var array = VolumeArray.Prepare(frags.Store, new PrepareOptions { Shape = [4, 6], ChunkShape = [4, 6], DataType = DataType.UInt64, VoxelSize = new Coordinate(1L, 1L) });
        ulong[] labels = [.. Enumerable.Range(0, 24).Select(i => i % 6 < 3 ? 7UL : 9UL)];
        array.Write<ulong>(array.Roi, labels);
        var db = Db("halves", ndim: 2);
        db.Init();
        using (var graph = db.Open(GraphOpenMode.ReadWrite))
        {
            var nodes = graph.CreateNodeTable();
            new float[] { 1, 2, 3 }.CopyTo(nodes.Floats("emb").Row(nodes.Add(7, [1, 1])));
            new float[] { 4, 6, 3 }.CopyTo(nodes.Floats("emb").Row(nodes.Add(9, [1, 3])));
            graph.WriteNodes(nodes);
        }

        var task = new DistanceAgglom
        {
            Db = db, FragsData = frags, BlockSize = new Coordinate(2L, 3L), Context = new Coordinate(2L, 2L), DistanceThreshold = 1.5,
            DistanceKeys = ["emb"], BackgroundIntensities = [1.0], DistanceMetric = metric,
        };
        Assert.Equal(metric.ToString().ToLowerInvariant(), task.ToConfig()!["distance_metric"]!.GetValue<string>());
        Assert.True(Runner.Run(task, Options(ExecutionMode.Serial, "halves")).Succeeded);

        using var read = db.Open(GraphOpenMode.Read);
        var edges = read.ReadAllEdges();
        Assert.Equal(1, edges.Count);
        Assert.Equal((7UL, 9UL), (edges.U[0], edges.V[0]));
        Assert.Equal(1f, edges.Floats("distance")[0]);
        Assert.Equal(expected, edges.Floats("emb_similarity")[0], 1e-6);
        Assert.Equal(9 / Math.Sqrt(5 * 38), EmbeddingSimilarity.Compute([1, 2, 3], [4, 6, 3], 1, DistanceMetric.Cosine, 1e-8), 1e-12);
    }

    [Fact]
    public void VolarasFourQuadrantsCase()
    {
        // The labels_2d fixture (10×10, quadrants 1–4) with ExtractFrags' nodes and 3-vector embeddings, context (2, 2).
        var frags = new Labels { Store = temp.Combine("data.zarr", "quadrants") };
        var array = VolumeArray.Prepare(frags.Store, new PrepareOptions { Shape = [10, 10], ChunkShape = [5, 5], DataType = DataType.UInt64, VoxelSize = new Coordinate(1L, 1L) });
        array.Write<ulong>(array.Roi, [.. Enumerable.Range(0, 100).Select(i => (ulong)(1 + (i / 50 * 2) + (i % 10 / 5)))]);
        var db = NewDb("quadrants", 2, new Dictionary<string, string> { ["embedding"] = "3" }, new Dictionary<string, string> { ["embedding_similarity"] = "float" });
        db.Init();
        using (var graph = db.Open(GraphOpenMode.ReadWrite))
        {
            var nodes = graph.CreateNodeTable();
            float[][] embeddings = [[1, 0, 0], [0.9f, 0.1f, 0], [0, 1, 0], [0, 0, 1]];
            float[][] positions = [[2, 2], [2, 7], [7, 2], [7, 7]];
            for (int n = 0; n < 4; n++)
            {
                embeddings[n].CopyTo(nodes.Floats("embedding").Row(nodes.Add((ulong)n + 1, positions[n])));
            }

            graph.WriteNodes(nodes);
        }

        var task = new DistanceAgglom { Db = db, FragsData = frags, BlockSize = new Coordinate(10L, 10L), Context = new Coordinate(2L, 2L), DistanceKeys = ["embedding"] };
        var options = Options(ExecutionMode.Serial, "quadrants");
        Assert.True(Runner.Run(task, options).Succeeded);
        using (var graph = db.Open(GraphOpenMode.Read))
        {
            var edges = graph.ReadAllEdges();
            Assert.Equal([(1UL, 2UL), (1UL, 3UL), (1UL, 4UL), (2UL, 3UL), (2UL, 4UL), (3UL, 4UL)], Enumerable.Range(0, edges.Count).Select(e => (edges.U[e], edges.V[e])));
            Assert.Equal([1f, 1f, MathF.Sqrt(2), MathF.Sqrt(2), 1f, 1f], edges.Floats("distance").Values.ToArray());
            var similarity = edges.Floats("embedding_similarity");
            Assert.True(similarity[0] > 0.9);
            Assert.True(similarity[1] < 0.1);
        }

        Runner.Drop(task, options.LogDirectory);
        using (var graph = db.Open(GraphOpenMode.Read))
        {
            Assert.Equal(4, graph.ReadAllNodes().Count);
            Assert.Equal(0, graph.ReadAllEdges().Count);
        }
    }

    [Fact]
    public void ZeroEmbeddingsGiveZeroCosineNotNaN() =>
        Assert.Equal(0, EmbeddingSimilarity.Compute([0, 0], [1, 2], 0, DistanceMetric.Cosine, 1e-8));

    [Fact]
    public void AKeyWithoutItsSimilarityAttributeIsRefusedNamingIt()
    {
        var (frags, _) = WriteTiles(1);
        var db = Db("refused", withSimilarity: false);
        var task = new DistanceAgglom { Db = db, FragsData = frags, BlockSize = new Coordinate(4L, 8L, 8L), Context = new Coordinate(1L, 1L, 1L), DistanceKeys = ["emb"] };
        var error = Assert.ThrowsAny<ArgumentException>(() => task.Layout);
        Assert.Contains("'emb_similarity'", error.Message);
        Assert.Contains("frags-distance-agglom", error.Message);
    }

    [Fact]
    public void TheDefaultThresholdIsTheSmallestWorldContextAndDropRemovesOnlyEdges()
    {
        var (frags, labels) = WriteTiles(3);
        var db = Db("defaults");
        WriteNodes(db, labels, TileShape, TileVoxelSize, TileOffset, 3);
        // Context (1, 3, 3) voxels × (2, 1, 1) → min 2 world units.
        var task = new DistanceAgglom { Db = db, FragsData = frags, BlockSize = new Coordinate(8L, 24L, 24L), Context = new Coordinate(1L, 3L, 3L) };
        var options = Options(ExecutionMode.Serial, "defaults");
        Assert.True(Runner.Run(task, options).Succeeded);
        var reference = SurfaceReference.ClosePairs(labels, TileShape, [2, 1, 1], 2.0);
        using (var graph = db.Open(GraphOpenMode.Read))
        {
            var edges = graph.ReadAllEdges();
            Assert.Equal(reference.Keys, Enumerable.Range(0, edges.Count).Select(e => (edges.U[e], edges.V[e])));
            Assert.True(edges.Column("emb_similarity").IsNull(0));
        }

        Runner.Drop(task, options.LogDirectory);
        using (var graph = db.Open(GraphOpenMode.Read))
        {
            Assert.Equal(0, graph.ReadAllEdges().Count);
            Assert.True(graph.ReadAllNodes().Count > 0);
        }
    }
}
