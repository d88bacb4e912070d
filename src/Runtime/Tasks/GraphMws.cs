using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Luts;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's GraphMWS: one global mutex watershed over the fragment graph, written as a look-up table. Edge
/// scores are <c>w · attr + b</c> per weighted edge attribute (<see cref="Weights"/>); with
/// <see cref="EdgePerAttr"/> each score is its own edge, otherwise an edge carries the sum of its scores. An
/// optional <see cref="StartingLut"/> merges its groups first. The LUT lists every node touched by an edge;
/// isolated nodes keep their id through Relabel. Exactly one block, covering <see cref="Roi"/>; no arrays
/// are read or written.
/// </summary>
/// <remarks>Not supported yet: volara's <c>mean_attrs</c> / <c>out_db</c> and <c>optimized</c> (which only changed speed).</remarks>
[VolaraTask("graph-mws", WholeRoi = true)]
public sealed partial class GraphMws
{
    /// <summary>The fragment graph (nodes and scored edges, e.g. from ExtractFrags and AffAgglom).</summary>
    [Parameter]
    public required GraphDatabaseConfig Db { get; init; }

    /// <summary>The table written.</summary>
    [Parameter(Writes = true)]
    public required Lut Lut { get; init; }

    /// <summary>A table whose groups are merged before any scored edge; every graph node must be in it.</summary>
    [Parameter]
    public Lut? StartingLut { get; init; }

    /// <summary>Edge attribute → (w, b); in this order an edge's scores are enumerated.</summary>
    [Parameter, EdgeAttributesOf(nameof(Db))]
    public required IReadOnlyDictionary<string, EdgeWeight> Weights { get; init; }

    /// <summary>One watershed edge per weighted attribute (true) or one per graph edge with the summed score.</summary>
    [Parameter]
    public bool EdgePerAttr { get; init; } = true;

    /// <summary>Read only nodes in <see cref="Roi"/> and edges whose <c>u</c> is in it (true), or the whole graph.</summary>
    [Parameter]
    public bool BoundedRead { get; init; } = true;

    /// <summary>The region (world units) whose graph is agglomerated; required, it is the task's one block.</summary>
    [WriteRoi]
    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{Lut.Name}-graph-mws";

    partial void Validate()
    {
        if (Weights is null || Weights.Count == 0)
        {
            throw new TaskFieldException(Name, "weights", $"weights names no edge attribute");
        }
    }

    partial void OnDropArtifacts() => Lut.Drop();

    /// <summary>Reads the graph and computes the table without writing it.</summary>
    public FragmentSegmentLut Compute()
    {
        var roi = Roi ?? throw new TaskFieldException(Name, "roi", $"roi is required");
        using var graph = Db.Open(GraphOpenMode.Read);
        var nodes = BoundedRead ? graph.ReadNodes(roi) : graph.ReadAllNodes();
        var edges = BoundedRead ? graph.ReadEdges(roi) : graph.ReadAllEdges();
        var (sources, targets, scores) = GraphMwsKernel.Score(edges, Weights, EdgePerAttr, Name);
        var prefix = Array.Empty<Segmentation.MwsEdge>();
        if (StartingLut is { } starting)
        {
            var table = starting.Load()
                ?? throw new FileNotFoundException($"task '{Name}': starting LUT '{starting.File}' does not exist", starting.File);
            prefix = GraphMwsKernel.StartingEdges(GraphMwsKernel.GraphNodes(nodes, edges), table, Name, starting.File);
        }

        return GraphMwsKernel.Run(sources, targets, scores, prefix);
    }

    private void Process(Block block) => Lut.Save(Compute());
}
