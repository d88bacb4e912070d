using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's DistanceAgglom: graph edges between fragments whose surfaces come within
/// <see cref="DistanceThreshold"/> of each other, with <c>distance</c> = the minimum surface-voxel distance (world
/// units) and, per distance key, <c>&lt;key&gt;_similarity</c> of the two nodes' embeddings.
/// </summary>
/// <remarks>
/// Per block: surface voxels (non-zero discrete Laplacian of the fragments; voxels outside the fragments' array are
/// not data, the Laplacian reflects there) over the read region, minimum distance per fragment pair within the
/// threshold (<see cref="SurfaceDistances"/>), nodes read from the graph in the read region; a pair becomes an edge
/// when both fragments are nodes there. Edges are written for the write region (owned by the block holding the
/// lower id's position), nodes are not written. Like AffAgglom's scores, an edge's distance is its owning block's
/// estimate: exact when the context covers the fragments' extent plus the threshold.
/// </remarks>
[VolaraTask("distance-agglom")]
public sealed partial class DistanceAgglom
{
    private Coordinate voxels;
    private double[] voxelSize = [];
    private double threshold;
    private Roi dataRoi;

    /// <summary>Holds the fragment nodes (with the embeddings named by <see cref="DistanceKeys"/>) and receives the edges.</summary>
    [Parameter(Writes = true)]
    public required GraphDatabaseConfig Db { get; init; }

    /// <summary>The fragments.</summary>
    [Input(Requires = ElementKinds.Integer)]
    public required Labels<ulong> FragsData { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [Context]
    public required Coordinate Context { get; init; }

    /// <summary>
    /// Float node attributes (scalars or <c>Vec(float, n)</c>) compared per edge; each needs a float edge attribute
    /// <c>&lt;key&gt;_similarity</c> in the database's edge_attrs. Null: only distances.
    /// </summary>
    [Parameter]
    public IReadOnlyList<string>? DistanceKeys { get; init; }

    /// <summary>Per distance key, subtracted from every element of both embeddings before comparing (default 0).</summary>
    [Parameter]
    public IReadOnlyList<double>? BackgroundIntensities { get; init; }

    /// <summary>Cosine's lower bound on the product of the norms.</summary>
    [Parameter]
    public double Eps { get; init; } = 1e-8;

    /// <summary>Largest surface distance (world units, inclusive) that makes an edge; default min(context × voxel size).</summary>
    [Parameter]
    public double? DistanceThreshold { get; init; }

    /// <summary>How embeddings are compared.</summary>
    [Parameter]
    public DistanceMetric DistanceMetric { get; init; } = DistanceMetric.Cosine;

    [WriteRoi]
    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{FragsData.Name}-distance-agglom";

    partial void Validate()
    {
        var frags = FragsData.Untyped.Array();
        dataRoi = frags.Roi;
        var size = frags.VoxelSize;
        voxels = size;
        voxelSize = new double[size.Dims];
        double smallest = double.PositiveInfinity;
        for (int d = 0; d < size.Dims; d++)
        {
            voxelSize[d] = size.ValueAt(d);
            smallest = Math.Min(smallest, Context.ValueAt(d) * voxelSize[d]);
        }

        threshold = DistanceThreshold ?? smallest;
        if (!(threshold >= 0) || double.IsInfinity(threshold))
        {
            throw new TaskFieldException(Name, "distance_threshold", $"distance_threshold must be a non-negative number, it is {threshold}");
        }

        if (Db.Ndim != size.Dims)
        {
            throw new TaskFieldException(Name, "db", $"db has ndim {Db.Ndim}, but frags_data '{FragsData.Store}' has {size.Dims} spatial axes");
        }

        var keys = DistanceKeys ?? [];
        if (BackgroundIntensities is { } background && background.Count != keys.Count)
        {
            throw new TaskFieldException(Name, "background_intensities", $"background_intensities has {background.Count} values, distance_keys {keys.Count}");
        }

        var schema = Db.Schema;
        foreach (var key in keys)
        {
            int node = schema.NodeAttributeIndex(key);
            if (node < 0 || schema.NodeAttributes[node].Type.Kind != GraphValueKind.Float)
            {
                throw new TaskFieldException(Name, "distance_keys", $"distance_keys names '{key}', which db does not declare as a float node attribute (node_attrs)");
            }

            int edge = schema.EdgeAttributeIndex(SimilarityName(key));
            if (edge < 0 || schema.EdgeAttributes[edge].Type != new GraphAttributeType(GraphValueKind.Float))
            {
                throw new TaskFieldException(Name, "distance_keys", $"distance_keys names '{key}', so db needs the float edge attribute '{SimilarityName(key)}' (add it to edge_attrs)");
            }
        }

        if (!(Eps > 0))
        {
            throw new TaskFieldException(Name, "eps", $"eps must be positive, it is {Eps}");
        }
    }

    partial void OnInit() => Db.Init();

    partial void OnDropArtifacts() => Db.DropEdges();

    /// <summary>The edge attribute a distance key's similarity goes to.</summary>
    public static string SimilarityName(string key) => $"{key}_similarity";

    private void Process(Block block, ReadOnlyTensorSpan<ulong> fragsData)
    {
        var readRoi = block.ReadRoi;
        var grid = VoxelGrid.Of(readRoi.Shape / voxels);
        var valid = readRoi.Intersect(dataRoi);
        int dims = grid.Dims;
        Span<int> low = stackalloc int[dims];
        Span<int> high = stackalloc int[dims];
        Span<int> surfaceLow = stackalloc int[dims];
        Span<int> surfaceHigh = stackalloc int[dims];
        for (int d = 0; d < dims; d++)
        {
            low[d] = checked((int)((valid.Begin.ValueAt(d) - readRoi.Begin.ValueAt(d)) / voxels.ValueAt(d)));
            high[d] = checked((int)((valid.End.ValueAt(d) - readRoi.Begin.ValueAt(d)) / voxels.ValueAt(d)));

            // Where the volume goes on past the read region, the outermost layer's Laplacian is unknown: no surface there.
            surfaceLow[d] = valid.Begin.ValueAt(d) > dataRoi.Begin.ValueAt(d) ? low[d] + 1 : low[d];
            surfaceHigh[d] = Math.Max(surfaceLow[d], valid.End.ValueAt(d) < dataRoi.End.ValueAt(d) ? high[d] - 1 : high[d]);
        }

        var pairs = SurfaceDistances.Find(fragsData.AsReadOnlySpan(), grid, low, high, surfaceLow, surfaceHigh, voxelSize, threshold);
        if (pairs.Count == 0)
        {
            return;
        }

        using var db = Db.Open(GraphOpenMode.ReadWrite);
        var nodes = db.ReadNodes(readRoi);
        var edges = ProximityEdges.Build(db, nodes, pairs, DistanceKeys ?? [], BackgroundIntensities, DistanceMetric, Eps);
        if (edges.Count > 0)
        {
            db.WriteEdges(edges, block.WriteRoi);
        }
    }
}
