namespace Volara.Samples.Quickstart;

/// <summary>
/// A Voronoi tessellation standing in for cells: labels are the nearest seed, raw intensity is bright
/// inside cells and dark on the boundaries between them, with a little noise — enough to look like EM.
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
    /// <param name="cellCount">Number of Voronoi seeds.</param>
    /// <param name="seed">Random seed, so the volume is reproducible.</param>
    public static SyntheticVolume Create(long[] shape, int cellCount, int seed)
    {
        var random = new Random(seed);
        int depth = (int)shape[0], height = (int)shape[1], width = (int)shape[2];
        var seeds = new (double Z, double Y, double X)[cellCount];
        for (int i = 0; i < cellCount; i++)
        {
            seeds[i] = (random.NextDouble() * depth, random.NextDouble() * height, random.NextDouble() * width);
        }

        // z is anisotropic (40 nm vs 4 nm in the sample metadata), so distances along z count ten times.
        const double zScale = 10;
        var labels = new ulong[depth * height * width];
        var raw = new byte[labels.Length];
        int index = 0;
        for (int z = 0; z < depth; z++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++, index++)
                {
                    double best = double.MaxValue, second = double.MaxValue;
                    int nearest = 0;
                    for (int s = 0; s < cellCount; s++)
                    {
                        double dz = (z - seeds[s].Z) * zScale, dy = y - seeds[s].Y, dx = x - seeds[s].X;
                        double distance = Math.Sqrt(dz * dz + dy * dy + dx * dx);
                        if (distance < best)
                        {
                            second = best;
                            best = distance;
                            nearest = s;
                        }
                        else if (distance < second)
                        {
                            second = distance;
                        }
                    }

                    labels[index] = (ulong)nearest + 1;
                    double boundary = Math.Min((second - best) / 4.0, 1.0);
                    double intensity = 40 + 170 * boundary + random.NextDouble() * 30;
                    raw[index] = (byte)Math.Clamp(intensity, 0, 255);
                }
            }
        }

        return new SyntheticVolume(raw, labels, cellCount);
    }
}
