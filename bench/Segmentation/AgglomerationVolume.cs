using Volara.Runtime.Geometry;

namespace Volara.Bench.Segmentation;

/// <summary>
/// A synthetic CREMI-like block: anisotropic cells (jittered-grid Voronoi, z voxels 10x larger than xy) as ground
/// truth, smaller cells of the same kind as fragments, and uint8 affinities of the ground truth with the README's 9
/// offsets, noisy (in-cell ~0.9, across ~0.1) so the watershed has real work.
/// </summary>
public sealed class AgglomerationVolume
{
    /// <summary>volara's README neighbourhood: 3 direct, then (4,8,8) and (8,16,16) long-range offsets.</summary>
    public static readonly Coordinate[] Offsets =
    [
        new(1L, 0L, 0L), new(0L, 1L, 0L), new(0L, 0L, 1L),
        new(4L, 0L, 0L), new(0L, 8L, 0L), new(0L, 0L, 8L),
        new(8L, 0L, 0L), new(0L, 16L, 0L), new(0L, 0L, 16L),
    ];

    /// <summary>The CREMI example's stride pattern extended to 9 offsets: (1,1,1) direct, (1,3,3) and (1,6,6) long range.</summary>
    public static readonly Coordinate[] Strides =
    [
        new(1L, 1L, 1L), new(1L, 1L, 1L), new(1L, 1L, 1L),
        new(1L, 3L, 3L), new(1L, 3L, 3L), new(1L, 3L, 3L),
        new(1L, 6L, 6L), new(1L, 6L, 6L), new(1L, 6L, 6L),
    ];

    /// <summary>The README's biases: −0.4 direct, −0.7 long range.</summary>
    public static readonly double[] Bias = [-0.4, -0.4, -0.4, -0.7, -0.7, -0.7, -0.7, -0.7, -0.7];

    public AgglomerationVolume(int[] shape, int seed)
    {
        Shape = shape;
        int voxels = shape[0] * shape[1] * shape[2];
        Truth = new ulong[voxels];
        Fragments = new ulong[voxels];
        Voronoi(Truth, shape, [6, 48, 48], seed);
        Voronoi(Fragments, shape, [3, 20, 20], seed + 1);
        Affinities = new byte[Offsets.Length * voxels];
        var random = new Random(seed + 2);
        var grid = new Runtime.Tasks.Kernels.VoxelGrid(shape);
        for (int k = 0; k < Offsets.Length; k++)
        {
            var plane = Affinities.AsSpan(k * voxels, voxels);
            var rows = grid.RowsFor(Offsets[k]);
            int delta = (int)grid.LinearDelta(Offsets[k]);
            while (rows.MoveNext())
            {
                for (int i = 0; i < rows.Length; i++)
                {
                    int p = (int)rows.Start + i;
                    double mean = Truth[p] == Truth[p + delta] ? 0.9 : 0.1;
                    plane[p] = (byte)Math.Clamp((mean + (0.08 * Gaussian(random))) * 255, 0, 255);
                }
            }
        }
    }

    public int[] Shape { get; }

    public ulong[] Truth { get; }

    public ulong[] Fragments { get; }

    /// <summary>Channel-first uint8 affinities, <see cref="Offsets"/>.Length planes.</summary>
    public byte[] Affinities { get; }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Nearest-seed labels (anisotropic distance), one jittered seed per grid cell of <paramref name="cell"/> voxels.</summary>
    private static void Voronoi(ulong[] labels, int[] shape, int[] cell, int seed)
    {
        var random = new Random(seed);
        int[] cells = [.. Enumerable.Range(0, 3).Select(d => (shape[d] + cell[d] - 1) / cell[d])];
        var seeds = new double[cells[0] * cells[1] * cells[2] * 3];
        for (int c = 0; c < seeds.Length / 3; c++)
        {
            int[] at = [c / (cells[1] * cells[2]), c / cells[2] % cells[1], c % cells[2]];
            for (int d = 0; d < 3; d++)
            {
                seeds[(c * 3) + d] = (at[d] + random.NextDouble()) * cell[d];
            }
        }

        double[] scale = [10, 1, 1];
        Parallel.For(0, shape[0], z =>
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++)
                {
                    int[] home = [z / cell[0], y / cell[1], x / cell[2]];
                    double best = double.MaxValue;
                    int bestCell = 0;
                    for (int dz = -1; dz <= 1; dz++)
                    {
                        for (int dy = -1; dy <= 1; dy++)
                        {
                            for (int dx = -1; dx <= 1; dx++)
                            {
                                int cz = home[0] + dz, cy = home[1] + dy, cx = home[2] + dx;
                                if (cz < 0 || cy < 0 || cx < 0 || cz >= cells[0] || cy >= cells[1] || cx >= cells[2])
                                {
                                    continue;
                                }

                                int c = (((cz * cells[1]) + cy) * cells[2]) + cx;
                                double fz = (z - seeds[c * 3]) * scale[0], fy = y - seeds[(c * 3) + 1], fx = x - seeds[(c * 3) + 2];
                                double distance = (fz * fz) + (fy * fy) + (fx * fx);
                                if (distance < best)
                                {
                                    best = distance;
                                    bestCell = c;
                                }
                            }
                        }
                    }

                    labels[(((z * shape[1]) + y) * shape[2]) + x] = (ulong)bestCell + 1;
                }
            }
        });
    }
}
