using Volara.Runtime.Synthetic;

namespace Volara.Samples.Quickstart;

/// <summary>
/// Voronoi cells standing in for cells (<see cref="VoronoiLabels"/>): raw intensity is bright inside cells and dark
/// on the boundaries between them, with a little noise — enough to look like EM.
/// </summary>
public sealed class SyntheticVolume
{
    private SyntheticVolume(byte[] raw, ulong[] labels, int cellCount)
    {
        Raw = raw;
        Labels = labels;
        CellCount = cellCount;
    }

    public byte[] Raw { get; }

    public ulong[] Labels { get; }

    public int CellCount { get; }

    /// <param name="shape">z, y, x in voxels.</param>
    /// <param name="spacing">About the size of a cell along z, y, x in voxels.</param>
    /// <param name="seed">Random seed, so the volume is reproducible.</param>
    public static SyntheticVolume Create(long[] shape, int[] spacing, int seed)
    {
        var cells = VoronoiLabels.Create(shape, spacing, seed);
        var random = new Random(seed);
        var raw = new byte[cells.Labels.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            double boundary = Math.Min(cells.Margin[i] / 0.15, 1.0);
            raw[i] = (byte)Math.Clamp(40 + 170 * boundary + random.NextDouble() * 30, 0, 255);
        }

        return new SyntheticVolume(raw, cells.Labels, cells.CellCount);
    }
}
