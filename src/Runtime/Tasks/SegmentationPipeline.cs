using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Pipelines;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Luts;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's main job, the seed README's pipeline <c>extract_frags + aff_agglom + graph_mws + relabel</c>: fragments
/// and their graph nodes, edges scored by mean affinity per score group, a global mutex watershed into a LUT, and
/// the fragments relabelled into segments. The four tasks are plain DSL tasks; this only wires them consistently.
/// </summary>
public sealed record SegmentationPipeline(ExtractFrags ExtractFrags, AffAgglom AffAgglom, GraphMws GraphMws, Relabel Relabel)
{
    /// <summary>The README's neighbourhood: 3 short offsets, then 6 long ones.</summary>
    public static IReadOnlyList<Coordinate> ReadmeNeighborhood { get; } =
    [
        new(1, 0, 0), new(0, 1, 0), new(0, 0, 1),
        new(4, 0, 0), new(0, 8, 0), new(0, 0, 8),
        new(8, 0, 0), new(0, 16, 0), new(0, 0, 16),
    ];

    /// <summary>The README's block size in voxels.</summary>
    public static Coordinate ReadmeBlockSize { get; } = new(45, 120, 120);

    /// <summary>The README's context in voxels.</summary>
    public static Coordinate ReadmeContext { get; } = new(15, 40, 40);

    /// <summary>
    /// The README's pipeline over <paramref name="affs"/> (whose neighbourhood must start with 3 short offsets):
    /// biases −0.4 for the short offsets and −0.7 for the rest, scores <c>adj_weight</c> (short offsets) and
    /// <c>lr_weight</c> (the rest), GraphMWS weights adj (1, −0.4) and lr (1, −0.7) over the affinities' ROI, writing
    /// <c>{container}/fragments</c>, <c>{container}/lut.npz</c> and <c>{container}/segments</c>.
    /// </summary>
    /// <param name="db">
    /// The graph; its <c>edge_attrs</c> are set to <c>adj_weight</c> and <c>lr_weight</c> (float). A PostgreSQL graph
    /// without a <see cref="PostgresGraphConfig.MaxPoolSize"/> gets one sized to <paramref name="workers"/>.
    /// </param>
    /// <param name="workers">Workers (threads or processes) of each blockwise task.</param>
    /// <param name="workerConfig">Where worker processes run (e.g. Slurm jobs); null runs them as local processes.</param>
    public static SegmentationPipeline Readme(
        Affs affs,
        GraphDatabaseConfig db,
        string container,
        Coordinate? blockSize = null,
        Coordinate? context = null,
        int workers = 1,
        WorkerConfig? workerConfig = null)
    {
        ArgumentNullException.ThrowIfNull(affs);
        ArgumentNullException.ThrowIfNull(db);
        var neighborhood = affs.Resolved().Neighborhood!;
        if (neighborhood.Count < 4)
        {
            throw new ArgumentException($"the README pipeline needs 3 short and at least one long offset, '{affs.Store}' has {neighborhood.Count}");
        }

        var graph = db with { EdgeAttrs = new Dictionary<string, string> { ["adj_weight"] = "float", ["lr_weight"] = "float" } };
        if (graph is PostgresGraphConfig { MaxPoolSize: null } postgres)
        {
            graph = postgres with { MaxPoolSize = PostgresGraphConfig.PoolSizeFor(workers) };
        }

        var block = blockSize ?? ReadmeBlockSize;
        var margin = context ?? ReadmeContext;
        var execution = new ExecutionOptions { NumWorkers = workers, Workers = workerConfig };
        var fragments = new Labels { Store = Path.Combine(container, "fragments") };
        var lut = new Lut { Path = Path.Combine(container, "lut") };
        var roi = affs.Array().Roi;

        var extract = new ExtractFrags
        {
            Db = graph,
            AffsData = affs,
            FragsData = fragments,
            BlockSize = block,
            Context = margin,
            Bias = [.. neighborhood.Select((_, i) => i < 3 ? -0.4 : -0.7)],
            Execution = execution,
        };
        var agglomerate = new AffAgglom
        {
            Db = graph,
            FragsData = fragments,
            AffsData = affs,
            BlockSize = block,
            Context = margin,
            Scores = new Dictionary<string, IReadOnlyList<Coordinate>>
            {
                ["adj_weight"] = [.. neighborhood.Take(3)],
                ["lr_weight"] = [.. neighborhood.Skip(3)],
            },
            Execution = execution,
        };
        var global = new GraphMws
        {
            Db = graph,
            Lut = lut,
            Weights = new Dictionary<string, EdgeWeight> { ["adj_weight"] = (1.0, -0.4), ["lr_weight"] = (1.0, -0.7) },
            Roi = roi,
        };
        var relabel = new Relabel
        {
            FragsData = fragments,
            SegData = new Labels { Store = Path.Combine(container, "segments") },
            Lut = lut,
            BlockSize = block,
            Execution = execution,
        };
        return new SegmentationPipeline(extract, agglomerate, global, relabel);
    }

    /// <summary><c>extract_frags + aff_agglom + graph_mws + relabel</c>.</summary>
    public Pipeline Pipeline => ExtractFrags + AffAgglom + GraphMws + Relabel;
}
