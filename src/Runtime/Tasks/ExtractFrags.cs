using System.Numerics;
using System.Numerics.Tensors;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's ExtractFrags: fragments (supervoxels) from affinities by a mutex watershed per block, relabelled to
/// connected components with ids unique across blocks (<c>block id × prod(block_size) + 1, 2, …</c>), and one graph
/// node per fragment (<c>size</c> in voxels, <c>position</c> = its truncated centroid in world units).
/// </summary>
/// <remarks>
/// uint8 affinities mean value / 255 and are agglomerated without conversion unless smoothing, noise or a non-binary
/// mask needs floats. Noise and randomized strides draw from a generator seeded by the block id, so a rerun (or a
/// retried block) gives the same fragments. A block whose largest affinity is below 0.001 writes nothing.
/// </remarks>
[VolaraTask("extract-frags")]
public sealed partial class ExtractFrags : IBlockScratchEstimate
{
    private ExtractFragsSettings settings = null!;
    private Coordinate voxelSize;

    /// <summary>Receives one node per fragment.</summary>
    [Parameter(Writes = true)]
    public required GraphDatabaseConfig Db { get; init; }

    /// <summary>Channel-first affinities, uint8 (0–255) or float (0–1), read in their stored type.</summary>
    [Input]
    public required Affs<Stored> AffsData { get; init; }

    /// <summary>The output fragments (uint64, the affinities' spatial axes, chunks of one block).</summary>
    [Output(SpatialOnly = true)]
    public required Labels<ulong> FragsData { get; init; }

    /// <summary>Optional mask multiplied into the affinities (several channels: min over channels &gt; 0; max 255: &gt; 0).</summary>
    [Input]
    public Raw<float>? MaskData { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [Context]
    public required Coordinate Context { get; init; }

    /// <summary>Added to each channel before the watershed, one value per offset.</summary>
    [Parameter, PerOffset(nameof(AffsData))]
    public required IReadOnlyList<double> Bias { get; init; }

    /// <summary>Per-offset strides for the watershed's edges, or null for every edge.</summary>
    [Parameter, PerOffset(nameof(AffsData))]
    public IReadOnlyList<Coordinate>? Strides { get; init; }

    /// <summary>Gaussian smoothing sigma per spatial axis (voxels), or null.</summary>
    [Parameter]
    public Coordinate? Sigma { get; init; }

    /// <summary>Standard deviation of gaussian noise added to the affinities, or null.</summary>
    [Parameter]
    public double? NoiseEps { get; init; }

    /// <summary>Fragments whose mean direct-neighbour affinity is below this become background.</summary>
    [Parameter]
    public double FilterFragments { get; init; }

    /// <summary>Fragments with fewer voxels than this (within the read region) become background.</summary>
    [Parameter]
    public long RemoveDebris { get; init; }

    /// <summary>Keep each strided edge with probability 1 / prod(stride) instead of on a regular grid.</summary>
    [Parameter]
    public bool RandomizedStrides { get; init; }

    /// <summary>
    /// volara's bulk write mode. Accepted for compatibility; every block already writes its nodes in one
    /// transaction with prepared statements (SQLite) or one binary COPY (PostgreSQL).
    /// </summary>
    [Parameter]
    public bool BulkWrite { get; init; }

    [WriteRoi]
    public Roi? Roi { get; init; }

    partial void Validate()
    {
        var affs = AffsData.Untyped.Array();
        voxelSize = affs.VoxelSize;
        var offsets = AffsData.Untyped.Resolved().Neighborhood!;
        if (Sigma is { } sigma && (sigma.Dims != voxelSize.Dims || sigma.HasUnbounded))
        {
            throw new TaskFieldException(Name, "sigma", $"sigma {sigma} needs one value per spatial axis ({voxelSize.Dims})");
        }

        if (Db.Ndim != voxelSize.Dims)
        {
            throw new TaskFieldException(Name, "db", $"db has ndim {Db.Ndim}, but affs_data '{AffsData.Store}' has {voxelSize.Dims} spatial axes");
        }

        settings = new ExtractFragsSettings
        {
            Offsets = offsets,
            Bias = Bias,
            Strides = Strides,
            RandomizedStrides = RandomizedStrides,
            Sigma = Sigma is { } s ? [.. Enumerable.Range(0, s.Dims).Select(d => (double)s.ValueAt(d))] : null,
            NoiseEps = NoiseEps,
            FilterFragments = FilterFragments,
            RemoveDebris = RemoveDebris,
            IdsPerBlock = checked((ulong)BlockSize.Product()!.Value),
        };
    }

    /// <summary>
    /// Per read voxel: labels, kept-voxel marks, union-find and final labels (33 B); the edge list, 4 B per channel
    /// (uint8 input) or 16 B (float input, smoothing or noise, which also keep float copies of the affinities); the
    /// mutex lists and their pair set, about 16 B per channel on EM-like affinities. Plus the write region's labels.
    /// </summary>
    public long BlockScratchBytes(long readVoxels, long writeVoxels)
    {
        long channels = Bias.Count;
        bool floats = Sigma is not null || NoiseEps is not null || StoredAsFloats(AffsData.Untyped);
        long perVoxel = 33 + (channels * (floats ? 16 : 4)) + (channels * 16) + (floats ? channels * (Sigma is null ? 4 : 8) : 0);
        return (perVoxel * readVoxels) + (8 * writeVoxels);
    }

    // Only uint8 affinities take the byte path. Before they exist (a plan ahead of the task that writes them) uint8 is
    // assumed, volara's usual type.
    private static bool StoredAsFloats(Affs affs) =>
        Directory.Exists(affs.Store) && affs.Array().DataType.Kind != ScalarKind.UInt8;

    partial void OnInit() => Db.Init();

    partial void OnDropArtifacts() => Db.Drop();

    private void Process<T>(Block block, ReadOnlyTensorSpan<T> affsData, ReadOnlyTensorSpan<float> maskData, TensorSpan<ulong> fragsData)
        where T : unmanaged, INumber<T>
    {
        var readGrid = VoxelGrid.Of(block.ReadRoi.Shape / voxelSize);
        var writeGrid = VoxelGrid.Of(block.WriteRoi.Shape / voxelSize);
        var start = (block.WriteRoi.Offset - block.ReadRoi.Offset) / voxelSize;
        Span<int> writeOffset = stackalloc int[start.Dims];
        for (int d = 0; d < start.Dims; d++)
        {
            writeOffset[d] = checked((int)start.ValueAt(d));
        }

        var nodes = ExtractFragsKernel.Run(
            affsData.AsReadOnlySpan(), maskData.IsEmpty ? default : maskData.AsReadOnlySpan(), readGrid, writeOffset, writeGrid, settings, block.Id, fragsData.AsSpan());
        if (nodes.Count == 0)
        {
            return;
        }

        using var db = Db.Open(GraphOpenMode.ReadWrite);
        db.WriteNodes(FragmentGraph.Nodes(db, nodes, block.WriteRoi, voxelSize), block.WriteRoi);
    }
}
