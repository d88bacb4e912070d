using System.Numerics;
using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's AffAgglom: graph edges between touching fragments, scored per score group with the mean affinity over all
/// boundary voxel pairs of the group's offsets inside the block's read region.
/// </summary>
/// <remarks>
/// Ownership, so that every edge is written exactly once whatever the tiling: an edge (u, v), u &lt; v, is written by
/// the block whose write ROI holds the stored position of node u (funlib's rule; "the block owning the lower id").
/// Its scores are that block's estimate, from the boundary inside its read region; with a context at least as large as
/// the longest offset plus the fragments' extent beyond the block they are exact. Edges whose u has no node are not
/// written. A score a pair had no samples for is stored as null.
/// </remarks>
[VolaraTask("aff-agglom")]
public sealed partial class AffAgglom : IBlockScratchEstimate
{
    private Coordinate voxelSize;
    private IReadOnlyList<Coordinate> offsets = [];
    private string[] scoreNames = [];
    private int[][] scoreChannels = [];

    /// <summary>Holds the fragment nodes and receives the edges; declares every score name as a float edge attribute.</summary>
    [Parameter(Writes = true)]
    public required GraphDatabaseConfig Db { get; init; }

    /// <summary>The fragments (first input: the layout follows them).</summary>
    [Input]
    public required Labels<ulong> FragsData { get; init; }

    /// <summary>Channel-first affinities, uint8 (0–255) or float (0–1), read in their stored type.</summary>
    [Input]
    public required Affs<Stored> AffsData { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [Context]
    public required Coordinate Context { get; init; }

    /// <summary>Score name → the offsets whose boundary samples it pools.</summary>
    [Parameter, OffsetsOf(nameof(AffsData))]
    public required IReadOnlyDictionary<string, IReadOnlyList<Coordinate>> Scores { get; init; }

    /// <summary>volara's bulk write mode; accepted for compatibility, every block writes its edges in one batch.</summary>
    [Parameter]
    public bool BulkWrite { get; init; }

    [WriteRoi]
    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{Db.Id}-aff-agglom";

    partial void Validate()
    {
        voxelSize = FragsData.Untyped.Array().VoxelSize;
        offsets = AffsData.Untyped.Resolved().Neighborhood!;
        var names = new List<string>();
        var channels = new List<int[]>();
        var declared = Db.Schema;
        foreach (var (name, group) in Scores)
        {
            if (declared.EdgeAttributeIndex(name) < 0)
            {
                throw new TaskFieldException(Name, "scores", $"scores names '{name}', which db does not declare in edge_attrs");
            }

            names.Add(name);
            channels.Add([.. group.Select(offset => IndexOf(offset))]);
        }

        scoreNames = [.. names];
        scoreChannels = [.. channels];
    }

    /// <summary>
    /// Per read voxel the fragments' dense ids (4 B), and the managed side of scoring and writing edges — pair sums,
    /// edge lists, the database's batches — measured at about 36 B per read voxel on EM-like fragments.
    /// </summary>
    public long BlockScratchBytes(long readVoxels, long writeVoxels) => 40 * readVoxels;

    partial void OnInit() => Db.Init();

    partial void OnDropArtifacts() => Db.DropEdges();

    private void Process<T>(Block block, ReadOnlyTensorSpan<ulong> fragsData, ReadOnlyTensorSpan<T> affsData)
        where T : unmanaged, INumber<T>
    {
        var grid = VoxelGrid.Of(block.ReadRoi.Shape / voxelSize);
        double scale = typeof(T) == typeof(byte) ? 1.0 / 255 : 1.0;
        var edges = AffAgglomKernel.Score(affsData.AsReadOnlySpan(), fragsData.AsReadOnlySpan(), grid, offsets, scoreChannels, scale);
        if (edges.Count == 0)
        {
            return;
        }

        using var db = Db.Open(GraphOpenMode.ReadWrite);
        db.WriteEdges(FragmentGraph.Edges(db, edges, scoreNames), block.WriteRoi);
    }

    private int IndexOf(Coordinate offset)
    {
        for (int k = 0; k < offsets.Count; k++)
        {
            if (offsets[k] == offset)
            {
                return k;
            }
        }

        throw new TaskFieldException(Name, "scores", $"scores names offset {offset}, which is not in the neighborhood of affs_data '{AffsData.Store}'");
    }
}
