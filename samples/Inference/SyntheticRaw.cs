using Volara.Runtime.Synthetic;

namespace Volara.Samples.Inference;

/// <summary>An electron-microscopy-like raw volume over Voronoi cells: bright, slightly varying cells, dark boundaries, noise.</summary>
public static class SyntheticRaw
{
    /// <summary>The ground truth the raw shows: the cells' labels, with boundary voxels (margin below <paramref name="boundary"/>) as background 0.</summary>
    public static ulong[] GroundTruth(VoronoiLabels cells, double boundary)
    {
        var labels = new ulong[cells.Labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = cells.Margin[i] < boundary ? 0 : cells.Labels[i];
        }

        return labels;
    }

    /// <summary>uint8 intensities, C order: cells about 190–215, boundary voxels (margin below <paramref name="boundary"/>) about 25, ±15 noise.</summary>
    public static byte[] Create(VoronoiLabels cells, double boundary, int seed)
    {
        var random = new Random(seed);
        var raw = new byte[cells.Labels.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            // Each cell has its own brightness, derived from its label so it is the same in every run.
            double cell = 190 + (cells.Labels[i] * 2654435761UL % 26);
            double value = cells.Margin[i] < boundary ? 25 : cell;
            raw[i] = (byte)Math.Clamp(value + (random.NextDouble() * 30 - 15), 0, 255);
        }

        return raw;
    }
}
