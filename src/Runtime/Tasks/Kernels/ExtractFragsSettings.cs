using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>What <see cref="ExtractFragsKernel"/> does to a block: volara's ExtractFrags fields, resolved to voxels.</summary>
public sealed record ExtractFragsSettings
{
    /// <summary>The neighbourhood: channel k relates p and p + Offsets[k].</summary>
    public required IReadOnlyList<Coordinate> Offsets { get; init; }

    /// <summary>One value per offset, added to that channel before the mutex watershed.</summary>
    public required IReadOnlyList<double> Bias { get; init; }

    /// <summary>Per-offset strides for the mutex watershed, or null.</summary>
    public IReadOnlyList<Coordinate>? Strides { get; init; }

    /// <summary>Keep each strided edge with probability 1 / prod(stride) instead of on a regular grid.</summary>
    public bool RandomizedStrides { get; init; }

    /// <summary>Gaussian smoothing sigma per spatial axis (voxels), or null.</summary>
    public IReadOnlyList<double>? Sigma { get; init; }

    /// <summary>Standard deviation of gaussian noise added to the affinities, or null.</summary>
    public double? NoiseEps { get; init; }

    /// <summary>Fragments whose mean direct-neighbour affinity is below this become background (0 = off).</summary>
    public double FilterFragments { get; init; }

    /// <summary>Fragments with fewer voxels than this become background (0 = off).</summary>
    public long RemoveDebris { get; init; }

    /// <summary>Voxels of a full-size block: fragment ids of block b are b × this + 1, 2, ….</summary>
    public required ulong IdsPerBlock { get; init; }
}
