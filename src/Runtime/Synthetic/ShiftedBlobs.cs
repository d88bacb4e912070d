namespace Volara.Runtime.Synthetic;

/// <summary>
/// Textured synthetic images for registration: many small Gaussian blobs evaluated at continuous positions, so that
/// each channel is the same scene translated by an exact, sub-voxel amount. (Phase correlation weighs every frequency
/// alike, so the scene needs fine texture, as microscopy has; smooth scenes register poorly near their borders.)
/// </summary>
public static class ShiftedBlobs
{
    /// <summary>
    /// Returns <c>[C, *shape]</c> float32 values in [0, 1] (C order) where channel <c>c</c> is the scene translated by
    /// <c>shifts[c]</c> voxels (one value per axis): <c>channel_c(x) = scene(x − shifts[c])</c>, so the shift that registers
    /// channel <c>c</c> onto a reference channel with zero shift is <c>−shifts[c]</c>.
    /// </summary>
    /// <param name="shape">Voxels per spatial axis (any number of axes).</param>
    /// <param name="shifts">One translation per channel, in voxels per axis.</param>
    /// <param name="sigma">Blob radius (standard deviation) in voxels.</param>
    /// <param name="seed">Seed of the blob placement.</param>
    /// <param name="density">Blobs per <c>sigma^ndim</c> voxels.</param>
    public static float[] Create(IReadOnlyList<int> shape, IReadOnlyList<double[]> shifts, double sigma, int seed, double density = 0.5)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sigma, 0);
        int dims = shape.Count;
        int voxels = 1;
        foreach (int length in shape)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 1, nameof(shape));
            voxels *= length;
        }

        foreach (var shift in shifts)
        {
            if (shift.Length != dims)
            {
                throw new ArgumentException($"a shift has {shift.Length} values, the shape has {dims} axes", nameof(shifts));
            }
        }

        var random = new Random(seed);
        int blobs = (int)Math.Ceiling(density * voxels / Math.Pow(sigma, dims));
        var centres = new double[blobs * dims];
        var weights = new double[blobs];
        for (int b = 0; b < blobs; b++)
        {
            for (int d = 0; d < dims; d++)
            {
                centres[(b * dims) + d] = random.NextDouble() * shape[d];
            }

            weights[b] = 0.4 + (0.6 * random.NextDouble());
        }

        var sums = new double[shifts.Count * voxels];
        for (int c = 0; c < shifts.Count; c++)
        {
            AddBlobs(sums.AsSpan(c * voxels, voxels), shape, shifts[c], centres, weights, sigma);
        }

        double max = 0;
        foreach (double value in sums)
        {
            max = Math.Max(max, value);
        }

        var data = new float[sums.Length];
        for (int i = 0; i < sums.Length; i++)
        {
            data[i] = (float)(sums[i] / max);
        }

        return data;
    }

    /// <summary>Adds every blob, moved by <paramref name="shift"/>, within four sigma of its centre.</summary>
    private static void AddBlobs(Span<double> target, IReadOnlyList<int> shape, double[] shift, double[] centres, double[] weights, double sigma)
    {
        int dims = shape.Count;
        double radius = 4 * sigma;
        double scale = -0.5 / (sigma * sigma);
        Span<int> low = stackalloc int[dims];
        Span<int> high = stackalloc int[dims];
        Span<int> index = stackalloc int[dims];
        for (int b = 0; b < weights.Length; b++)
        {
            bool empty = false;
            for (int d = 0; d < dims; d++)
            {
                double centre = centres[(b * dims) + d] + shift[d];
                low[d] = Math.Max(0, (int)Math.Ceiling(centre - radius));
                high[d] = Math.Min(shape[d] - 1, (int)Math.Floor(centre + radius));
                empty |= low[d] > high[d];
            }

            if (empty)
            {
                continue;
            }

            low.CopyTo(index);
            while (true)
            {
                double distance = 0;
                int flat = 0;
                for (int d = 0; d < dims; d++)
                {
                    double offset = index[d] - shift[d] - centres[(b * dims) + d];
                    distance += offset * offset;
                    flat = (flat * shape[d]) + index[d];
                }

                target[flat] += weights[b] * Math.Exp(distance * scale);
                int axis = dims - 1;
                while (axis >= 0 && ++index[axis] > high[axis])
                {
                    index[axis] = low[axis];
                    axis--;
                }

                if (axis < 0)
                {
                    break;
                }
            }
        }
    }
}
