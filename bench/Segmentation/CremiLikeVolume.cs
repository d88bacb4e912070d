using Volara.Runtime.Geometry;

namespace Volara.Bench.Segmentation;

/// <summary>
/// A synthetic stand-in for CREMI affinities: an anisotropic Voronoi segmentation (z voxels 10× the xy size, as
/// 40 nm / 4 nm) and 9-channel uint8 affinities that fall towards cell borders like a network's prediction
/// (in-cell 0.03 + 0.94·min(border distance / 3, 1), across cells 0.03) with gaussian noise.
/// </summary>
public sealed class CremiLikeVolume
{
    /// <summary>The 9 offsets: direct neighbours, then mid- and long-range ones.</summary>
    public static readonly IReadOnlyList<Coordinate> Offsets =
    [
        new(-1, 0, 0), new(0, -1, 0), new(0, 0, -1),
        new(-2, 0, 0), new(0, -3, 0), new(0, 0, -3),
        new(-3, 0, 0), new(0, -9, 0), new(0, 0, -9),
    ];

    /// <summary>volara's CREMI example strides extended to 9 offsets: (1,1,1) direct, (1,3,3) mid, (1,6,6) long range.</summary>
    public static readonly IReadOnlyList<Coordinate> Strides =
    [
        new(1, 1, 1), new(1, 1, 1), new(1, 1, 1),
        new(1, 3, 3), new(1, 3, 3), new(1, 3, 3),
        new(1, 6, 6), new(1, 6, 6), new(1, 6, 6),
    ];

    /// <summary>Biases as in volara's examples: −0.5 direct, −0.7 mid, −0.8 long range.</summary>
    public static readonly double[] Bias = [-0.5, -0.5, -0.5, -0.7, -0.7, -0.7, -0.8, -0.8, -0.8];

    private const float ZScale = 10f;

    private CremiLikeVolume(int[] shape, ulong[] truth, byte[] affinities)
    {
        Shape = shape;
        Truth = truth;
        Affinities = affinities;
    }

    public int[] Shape { get; }

    public int Voxels => Truth.Length;

    public ulong[] Truth { get; }

    public byte[] Affinities { get; }

    public static CremiLikeVolume Create(int depth, int height, int width, int cells, int seed)
    {
        var rng = new Random(seed);
        var centers = new float[cells * 3];
        for (int c = 0; c < cells; c++)
        {
            centers[(3 * c) + 0] = (float)rng.NextDouble() * depth * ZScale;
            centers[(3 * c) + 1] = (float)rng.NextDouble() * height;
            centers[(3 * c) + 2] = (float)rng.NextDouble() * width;
        }

        int plane = height * width, n = depth * plane;
        var truth = new ulong[n];
        var border = new float[n]; // distance to the nearest cell border, in xy voxels
        Parallel.For(0, depth, z =>
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    float best = float.MaxValue, second = float.MaxValue;
                    int bestCell = 0;
                    for (int c = 0; c < cells; c++)
                    {
                        float dz = (z * ZScale) - centers[3 * c], dy = y - centers[(3 * c) + 1], dx = x - centers[(3 * c) + 2];
                        float d = (dz * dz) + (dy * dy) + (dx * dx);
                        if (d < best)
                        {
                            second = best;
                            best = d;
                            bestCell = c;
                        }
                        else if (d < second)
                        {
                            second = d;
                        }
                    }

                    int i = (z * plane) + (y * width) + x;
                    truth[i] = (ulong)bestCell + 1;
                    border[i] = (MathF.Sqrt(second) - MathF.Sqrt(best)) / 2;
                }
            }
        });

        var affinities = new byte[Offsets.Count * n];
        int[] shape = [depth, height, width];
        Parallel.For(0, Offsets.Count, k =>
        {
            var noise = new Random(seed + 1 + k);
            int oz = (int)Offsets[k].ValueAt(0), oy = (int)Offsets[k].ValueAt(1), ox = (int)Offsets[k].ValueAt(2);
            for (int z = 0; z < depth; z++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        int i = (z * plane) + (y * width) + x;
                        int qz = z + oz, qy = y + oy, qx = x + ox;
                        float value = 0.03f;
                        if (qz >= 0 && qz < depth && qy >= 0 && qy < height && qx >= 0 && qx < width)
                        {
                            int j = (qz * plane) + (qy * width) + qx;
                            if (truth[i] == truth[j])
                            {
                                value += 0.94f * Math.Min(Math.Min(border[i], border[j]) / 3f, 1f);
                            }
                        }

                        value += 0.05f * Gaussian(noise);
                        affinities[((long)k * n) + i] = (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);
                    }
                }
            }
        });

        return new CremiLikeVolume(shape, truth, affinities);
    }

    private static float Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
