using Volara.Runtime.Geometry;

namespace Volara.Runtime.Synthetic;

/// <summary>
/// Affinities of a known labelling, with volara's convention: channel k at voxel p describes the pair
/// (p, p + offset_k); pairs reaching outside the volume are 0, as are pairs touching label 0.
/// </summary>
public static class SyntheticAffinities
{
    /// <summary>
    /// <c>seg_to_affgraph(labels, offsets) × 255</c>: uint8 affinities, 255 where both voxels carry the same
    /// non-zero label, 0 elsewhere. Output is channel-first, [offsets.Count, z, y, x].
    /// </summary>
    public static byte[] Exact(ReadOnlySpan<ulong> labels, long[] shape, IReadOnlyList<Coordinate> offsets)
    {
        var affinities = new byte[offsets.Count * labels.Length];
        Fill(labels, shape, offsets, affinities, static (_, _, _) => 1.0, noise: 0, seed: 0);
        return affinities;
    }

    /// <summary>
    /// Realistic uint8 affinities: within a cell the affinity is 1 − drop · exp(−m / <paramref name="boundaryWidth"/>)
    /// where m is the smaller <see cref="VoronoiLabels.Margin"/> of the two voxels (so it fades by up to
    /// <paramref name="boundaryDrop"/> towards cell boundaries), across cells 0; then uniform noise in
    /// ±<paramref name="noise"/> is added and the value clamped to [0, 1] and scaled to 0–255. Reproducible for a
    /// given <paramref name="seed"/>.
    /// </summary>
    public static byte[] Noisy(VoronoiLabels volume, IReadOnlyList<Coordinate> offsets, double boundaryWidth, double boundaryDrop, double noise, int seed)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var margin = volume.Margin;
        var affinities = new byte[offsets.Count * volume.Labels.Length];
        Fill(volume.Labels, volume.Shape, offsets, affinities, (p, q, _) => 1 - boundaryDrop * Math.Exp(-Math.Min(margin[p], margin[q]) / boundaryWidth), noise, seed);
        return affinities;
    }

    private static void Fill(ReadOnlySpan<ulong> labels, long[] shape, IReadOnlyList<Coordinate> offsets, byte[] affinities, Func<long, long, int, double> within, double noise, int seed)
    {
        if (shape.Length != 3 || shape[0] * shape[1] * shape[2] != labels.Length)
        {
            throw new ArgumentException($"labels hold {labels.Length} voxels, shape [{string.Join(", ", shape)}] needs 3 axes with that many");
        }

        int depth = (int)shape[0], height = (int)shape[1], width = (int)shape[2];
        long voxels = labels.Length;
        var random = new Random(seed);
        for (int k = 0; k < offsets.Count; k++)
        {
            var offset = offsets[k];
            if (offset.Dims != 3)
            {
                throw new ArgumentException($"offset {offset} must have 3 components");
            }

            long oz = offset.ValueAt(0), oy = offset.ValueAt(1), ox = offset.ValueAt(2);
            long channel = k * voxels;
            for (int z = 0; z < depth; z++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        long p = ((long)z * height + y) * width + x;
                        long qz = z + oz, qy = y + oy, qx = x + ox;
                        double value = 0;
                        if (qz >= 0 && qz < depth && qy >= 0 && qy < height && qx >= 0 && qx < width)
                        {
                            long q = (qz * height + qy) * width + qx;
                            ulong label = labels[(int)p];
                            if (label != 0 && label == labels[(int)q])
                            {
                                value = within(p, q, k);
                            }
                        }

                        if (noise > 0)
                        {
                            value += (2 * random.NextDouble() - 1) * noise;
                        }

                        affinities[channel + p] = (byte)Math.Round(Math.Clamp(value, 0, 1) * 255);
                    }
                }
            }
        }
    }
}
