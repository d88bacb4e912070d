using Volara.Runtime.Geometry;

namespace Volara.Runtime.Segmentation;

/// <summary>Affinities of a segmentation (volara's <c>seg_to_affgraph</c>): ground truth for tests and samples.</summary>
public static class SegmentationAffinities
{
    /// <summary>
    /// Channel k at voxel p is <paramref name="same"/> when p and p + offsets[k] are both inside, both non-zero and
    /// equal; 0 otherwise (also where p + offsets[k] is outside).
    /// </summary>
    /// <param name="segmentation">Labels, <c>prod(shape)</c> voxels in C order.</param>
    /// <param name="shape">Spatial shape.</param>
    /// <param name="offsets">One offset per output channel.</param>
    /// <param name="affinities">Output, channel-first, <c>offsets.Count × prod(shape)</c>.</param>
    /// <param name="same">The value for "same segment": 1 as volara's int32 output, 255 for a uint8 affinity dataset.</param>
    public static void Compute(ReadOnlySpan<ulong> segmentation, ReadOnlySpan<int> shape, IReadOnlyList<Coordinate> offsets, Span<byte> affinities, byte same = 1)
    {
        var grid = new GridGeometry(shape, offsets, null);
        if (segmentation.Length != grid.Voxels)
        {
            throw new ArgumentException($"segmentation holds {segmentation.Length} voxels but the shape has {grid.Voxels}", nameof(segmentation));
        }

        if ((long)affinities.Length != (long)grid.Channels * grid.Voxels)
        {
            throw new ArgumentException($"affinities hold {affinities.Length} values but {grid.Channels} channels × {grid.Voxels} voxels are expected", nameof(affinities));
        }

        affinities.Clear();
        for (int k = 0; k < grid.Channels; k++)
        {
            var writer = new SameLabel(segmentation, affinities.Slice(k * grid.Voxels, grid.Voxels), grid.Deltas[k], same);
            grid.ForEachEdge(k, ref writer);
        }
    }

    private ref struct SameLabel(ReadOnlySpan<ulong> segmentation, Span<byte> plane, int delta, byte same) : IEdgeVisitor
    {
        private readonly ReadOnlySpan<ulong> _segmentation = segmentation;
        private readonly Span<byte> _plane = plane;

        public void Visit(int p)
        {
            ulong label = _segmentation[p];
            _plane[p] = label != 0 && label == _segmentation[p + delta] ? same : (byte)0;
        }
    }
}
