using Volara.Runtime.Geometry;

namespace Volara.Runtime.Segmentation;

/// <summary>Affinities of a segmentation (volara's <c>seg_to_affgraph</c>): ground truth for tests and samples.</summary>
public static class SegmentationAffinities
{
    /// <summary>
    /// Channel k at voxel p is 1 when p and p + offsets[k] are both inside, both non-zero and equal; 0 otherwise
    /// (also where p + offsets[k] is outside).
    /// </summary>
    /// <param name="segmentation">Labels, <c>prod(shape)</c> voxels in C order.</param>
    /// <param name="shape">Spatial shape.</param>
    /// <param name="offsets">One offset per output channel.</param>
    /// <param name="affinities">Output, channel-first, <c>offsets.Count × prod(shape)</c>.</param>
    public static void Compute(ReadOnlySpan<ulong> segmentation, ReadOnlySpan<int> shape, IReadOnlyList<Coordinate> offsets, Span<byte> affinities)
    {
        throw new NotImplementedException();
    }
}
