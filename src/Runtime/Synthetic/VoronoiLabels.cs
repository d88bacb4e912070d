namespace Volara.Runtime.Synthetic;

/// <summary>
/// A 3-D ground-truth segmentation standing in for cells: a Voronoi tessellation of jittered grid seeds (one
/// seed per grid cell of <c>spacing</c> voxels, so cells have about that size along each axis). Labels are
/// positive (grid cell index + 1); <see cref="Margin"/> tells how far inside its cell each voxel is, for
/// affinities and intensities that fade towards boundaries.
/// </summary>
public sealed class VoronoiLabels
{
    private VoronoiLabels(long[] shape, ulong[] labels, float[] margin, int cellCount)
    {
        Shape = shape;
        Labels = labels;
        Margin = margin;
        CellCount = cellCount;
    }

    /// <summary>z, y, x in voxels.</summary>
    public long[] Shape { get; }

    /// <summary>The label of every voxel, C order.</summary>
    public ulong[] Labels { get; }

    /// <summary>
    /// Per voxel: distance to the second-nearest seed minus distance to the nearest, in units of the grid
    /// spacing — 0 on a boundary, growing towards the cell's centre.
    /// </summary>
    public float[] Margin { get; }

    /// <summary>Number of seeds (cells may be cut by the volume's border).</summary>
    public int CellCount { get; }

    /// <param name="shape">z, y, x in voxels.</param>
    /// <param name="spacing">Seed grid spacing in voxels per axis (about the cell size).</param>
    /// <param name="seed">Random seed: the same arguments give the same volume.</param>
    public static VoronoiLabels Create(long[] shape, int[] spacing, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(spacing);
        if (shape.Length != 3 || spacing.Length != 3 || shape.Any(s => s <= 0) || spacing.Any(s => s <= 0))
        {
            throw new ArgumentException($"a Voronoi volume needs 3 positive extents and 3 positive spacings, got shape [{string.Join(", ", shape)}], spacing [{string.Join(", ", spacing)}]");
        }

        var grid = new int[3];
        for (int d = 0; d < 3; d++)
        {
            grid[d] = (int)((shape[d] + spacing[d] - 1) / spacing[d]);
        }

        // Seed positions in grid units: cell (i, j, k) holds one seed at (i, j, k) + uniform [0, 1)³.
        var random = new Random(seed);
        int cells = grid[0] * grid[1] * grid[2];
        var seeds = new double[cells * 3];
        for (int c = 0; c < cells; c++)
        {
            int k = c % grid[2], j = c / grid[2] % grid[1], i = c / (grid[1] * grid[2]);
            seeds[3 * c] = i + random.NextDouble();
            seeds[3 * c + 1] = j + random.NextDouble();
            seeds[3 * c + 2] = k + random.NextDouble();
        }

        long total = shape[0] * shape[1] * shape[2];
        var labels = new ulong[total];
        var margin = new float[total];
        int height = (int)shape[1], width = (int)shape[2];
        Parallel.For(0, (int)shape[0], z =>
        {
            double gz = (z + 0.5) / spacing[0];
            for (int y = 0; y < height; y++)
            {
                double gy = (y + 0.5) / spacing[1];
                long row = ((long)z * height + y) * width;
                for (int x = 0; x < width; x++)
                {
                    double gx = (x + 0.5) / spacing[2];
                    var (nearest, best, second) = Nearest(seeds, grid, gz, gy, gx);
                    labels[row + x] = (ulong)nearest + 1;
                    margin[row + x] = (float)(second - best);
                }
            }
        });

        return new VoronoiLabels(shape, labels, margin, cells);
    }

    // A point's own grid cell holds a seed within √3 grid units; seeds three or more cells away are at least
    // 2 units away, so searching ±2 cells finds the nearest and second-nearest seed exactly.
    private static (int Nearest, double Best, double Second) Nearest(double[] seeds, int[] grid, double gz, double gy, double gx)
    {
        int ci = (int)gz, cj = (int)gy, ck = (int)gx;
        double best = double.MaxValue, second = double.MaxValue;
        int nearest = 0;
        for (int i = Math.Max(0, ci - 2); i <= Math.Min(grid[0] - 1, ci + 2); i++)
        {
            for (int j = Math.Max(0, cj - 2); j <= Math.Min(grid[1] - 1, cj + 2); j++)
            {
                for (int k = Math.Max(0, ck - 2); k <= Math.Min(grid[2] - 1, ck + 2); k++)
                {
                    int c = (i * grid[1] + j) * grid[2] + k;
                    double dz = gz - seeds[3 * c], dy = gy - seeds[3 * c + 1], dx = gx - seeds[3 * c + 2];
                    double distance = dz * dz + dy * dy + dx * dx;
                    if (distance < best)
                    {
                        second = best;
                        best = distance;
                        nearest = c;
                    }
                    else if (distance < second)
                    {
                        second = distance;
                    }
                }
            }
        }

        return (nearest, Math.Sqrt(best), second == double.MaxValue ? Math.Sqrt(best) + 1 : Math.Sqrt(second));
    }
}
