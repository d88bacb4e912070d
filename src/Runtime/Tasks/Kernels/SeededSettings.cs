using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>SeededExtractFrags's per-block settings, derived once from the task's fields and data.</summary>
public sealed record SeededSettings
{
    /// <summary>One offset per affinity channel.</summary>
    public required IReadOnlyList<Coordinate> Offsets { get; init; }

    /// <summary>One value per channel, added before the watershed.</summary>
    public required IReadOnlyList<double> Bias { get; init; }

    /// <summary>Per-channel strides, or null for every edge.</summary>
    public IReadOnlyList<Coordinate>? Strides { get; init; }

    public bool RandomizedStrides { get; init; }

    /// <summary>Gaussian sigma per spatial axis (voxels) of the smoothing term.</summary>
    public required double[] Sigma { get; init; }
}
