using System.Numerics;
using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Memory;
using Volara.Runtime.Skeletons;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's SeededExtractFrags: segments grown from webKnossos skeletons. Every node of a skeleton (NML
/// <c>thing</c> with more than one node) seeds its voxel with the skeleton's id; a mutex watershed with these seeds
/// runs over each block's read region; every segment that holds no seed becomes 0, so the output labels each voxel
/// with the id of the skeleton whose segment it joined (or 0). Blocks without seeds write zeros.
/// </summary>
/// <remarks>
/// Node coordinates are voxel indices <c>x, y, z</c>; the data's spatial axes are the trailing ones of (z, y, x),
/// so a node lies at world position (z, y, x) × voxel size (see <see cref="SkeletonSeeds"/>). Works for 1 to 3
/// spatial axes. Different skeletons never merge; a skeleton may still end up as several pieces where its nodes
/// are far apart across block borders.
/// </remarks>
[VolaraTask("seeded-extract-frags")]
public sealed partial class SeededExtractFrags
{
    private SeededSettings settings = null!;
    private Coordinate voxelSize;
    private Lazy<SkeletonSeeds>? seeds;

    /// <summary>Channel-first affinities, uint8 (0–255) or float (0–1), read in their stored type.</summary>
    [Input]
    public required Affs<Stored> AffsData { get; init; }

    /// <summary>The output segments (uint64 skeleton ids, the affinities' spatial axes).</summary>
    [Output(SpatialOnly = true)]
    public required Labels<ulong> SegsData { get; init; }

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

    /// <summary>Keep each strided edge with probability 1 / prod(stride) instead of on a regular grid.</summary>
    [Parameter]
    public bool RandomizedStrides { get; init; }

    /// <summary>The webKnossos NML file with the skeletons.</summary>
    [Parameter]
    public required string NmlFile { get; init; }

    /// <summary>
    /// Sigma (voxels, one per spatial axis) of the smoothed-affinity term. Default: volara's values, 9 along the two
    /// last axes and 6 along the others — (6, 9, 9) for 3-D, (9, 9) for 2-D.
    /// </summary>
    [Parameter]
    public Coordinate? Sigma { get; init; }

    [WriteRoi]
    public Roi? Roi { get; init; }

    partial void Validate()
    {
        var affs = AffsData.Untyped.Array();
        voxelSize = affs.VoxelSize;
        int dims = voxelSize.Dims;
        if (dims > 3)
        {
            throw new TaskFieldException(Name, "affs_data", $"affs_data '{AffsData.Store}' has {dims} spatial axes; skeleton coordinates (x, y, z) cover at most 3");
        }

        if (Sigma is { } sigma && (sigma.Dims != dims || sigma.HasUnbounded))
        {
            throw new TaskFieldException(Name, "sigma", $"sigma {sigma} needs one value per spatial axis ({dims})");
        }

        if (string.IsNullOrWhiteSpace(NmlFile))
        {
            throw new TaskFieldException(Name, "nml_file", $"nml_file is empty");
        }

        settings = new SeededSettings
        {
            Offsets = AffsData.Untyped.Resolved().Neighborhood!,
            Bias = Bias,
            Strides = Strides,
            RandomizedStrides = RandomizedStrides,
            Sigma = [.. Enumerable.Range(0, dims).Select(d => Sigma is { } s ? (double)s.ValueAt(d) : d >= dims - 2 ? 9.0 : 6.0)],
        };

        // Parsed once per task object (driver and each worker process), reported with the file and line if broken.
        Interlocked.CompareExchange(ref seeds, new Lazy<SkeletonSeeds>(() => SkeletonSeeds.From(NmlReader.Read(NmlFile), dims)), null);
        _ = seeds.Value;
    }

    private void Process<T>(Block block, ReadOnlyTensorSpan<T> affsData, TensorSpan<ulong> segsData)
        where T : unmanaged, INumber<T>
    {
        var readGrid = VoxelGrid.Of(block.ReadRoi.Shape / voxelSize);
        var writeGrid = VoxelGrid.Of(block.WriteRoi.Shape / voxelSize);
        int dims = readGrid.Dims;
        Span<int> writeOffset = stackalloc int[dims];
        Span<long> begin = stackalloc long[dims];
        var firstVoxel = block.ReadRoi.Offset.FloorDivide(voxelSize);
        for (int d = 0; d < dims; d++)
        {
            writeOffset[d] = checked((int)((block.WriteRoi.Offset.ValueAt(d) - block.ReadRoi.Offset.ValueAt(d)) / voxelSize.ValueAt(d)));
            begin[d] = firstVoxel.ValueAt(d);
        }

        using var seedBuffer = ScratchMemory.RentCleared<ulong>(readGrid.VoxelCount);
        var seedVoxels = seedBuffer.Span;
        if (seeds!.Value.Place(begin, readGrid.Shape, seedVoxels) == 0)
        {
            segsData.AsSpan().Clear();
            return;
        }

        SeededFragmentsKernel.Run(affsData.AsReadOnlySpan(), seedVoxels, readGrid, writeOffset, writeGrid, settings, block.Id, segsData.AsSpan());
    }
}
