using Volara.Runtime.Memory;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// Separable gaussian smoothing matching scipy.ndimage.gaussian_filter (order 0, mode 'reflect', i.e.
/// d c b a | a b c d | d c b a, kernel radius <c>(int)(truncate·σ + 0.5)</c>, axes with σ = 0 untouched).
/// Each axis pass accumulates in double and stores float, as scipy does for float32 input.
/// </summary>
public static class GaussianFilter
{
    /// <summary>scipy's default truncation, in standard deviations.</summary>
    public const double DefaultTruncate = 4.0;

    /// <summary>Smooths one volume of <c>prod(shape)</c> voxels (C order) with one σ per axis (in voxels).</summary>
    /// <remarks><paramref name="output"/> may be the same memory as <paramref name="input"/>.</remarks>
    public static void Apply(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<double> sigma, Span<float> output, double truncate = DefaultTruncate)
    {
        long voxels = 1;
        foreach (int length in shape)
        {
            if (length < 0)
            {
                throw new ArgumentException($"shape ({string.Join(", ", shape.ToArray())}) has a negative axis", nameof(shape));
            }

            voxels *= length;
        }

        if (sigma.Length != shape.Length)
        {
            throw new ArgumentException($"sigma has {sigma.Length} values but the shape has {shape.Length} axes", nameof(sigma));
        }

        if (input.Length != voxels || output.Length != voxels)
        {
            throw new ArgumentException($"input ({input.Length}) and output ({output.Length}) must both hold the {voxels} voxels of the shape");
        }

        input.CopyTo(output);
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (!(sigma[axis] >= 0) || double.IsInfinity(sigma[axis]))
            {
                throw new ArgumentException($"sigma of axis {axis} is {sigma[axis]}; it must be finite and not negative", nameof(sigma));
            }

            if (sigma[axis] > 1e-15 && voxels > 0)
            {
                SmoothAxis(output, shape, axis, Kernel(sigma[axis], truncate));
            }
        }
    }

    /// <summary>
    /// Smooths each channel of channel-first data separately (the channel axis is not smoothed: volara's
    /// <c>gaussian_filter(affs, sigma=(0, *sigma))</c>).
    /// </summary>
    public static void ApplyPerChannel(ReadOnlySpan<float> input, int channels, ReadOnlySpan<int> shape, ReadOnlySpan<double> sigma, Span<float> output, double truncate = DefaultTruncate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        if (channels == 0)
        {
            return;
        }

        if (input.Length % channels != 0 || output.Length != input.Length)
        {
            throw new ArgumentException($"input ({input.Length}) and output ({output.Length}) must hold {channels} equal channel planes");
        }

        int plane = input.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            Apply(input.Slice(c * plane, plane), shape, sigma, output.Slice(c * plane, plane), truncate);
        }
    }

    /// <summary>scipy's kernel: exp(−x²/2σ²) for x in [−r, r], r = (int)(truncate·σ + 0.5), normalised to sum 1.</summary>
    internal static double[] Kernel(double sigma, double truncate)
    {
        int radius = (int)((truncate * sigma) + 0.5);
        var weights = new double[(2 * radius) + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++)
        {
            double w = Math.Exp(-0.5 / (sigma * sigma) * x * x);
            weights[x + radius] = w;
            sum += w;
        }

        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }

        return weights;
    }

    /// <summary>
    /// One axis pass in place. The data are slabs (axes before), each a stack of <c>length</c> rows of <c>inner</c>
    /// contiguous values (axes after): an output row is the weighted sum of whole input rows, so the inner loop runs
    /// over contiguous memory whatever the axis.
    /// </summary>
    private static void SmoothAxis(Span<float> data, ReadOnlySpan<int> shape, int axis, double[] kernel)
    {
        int length = shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }

        int outer = data.Length / (length * inner);
        int radius = kernel.Length / 2;
        if (inner == 1)
        {
            SmoothLines(data, length, kernel);
            return;
        }

        using var slabBuffer = ScratchMemory.Rent<float>(length * inner);
        var slab = slabBuffer.Span;
        var row = new double[inner];
        var source = new int[kernel.Length];
        for (int o = 0; o < outer; o++)
        {
            var block = data.Slice(o * length * inner, length * inner);
            block.CopyTo(slab);
            for (int j = 0; j < length; j++)
            {
                Array.Clear(row);
                for (int t = 0; t < kernel.Length; t++)
                {
                    double w = kernel[t];
                    var input = slab.Slice(Reflect(j + t - radius, length) * inner, inner);
                    for (int i = 0; i < inner; i++)
                    {
                        row[i] += w * input[i];
                    }
                }

                var target = block.Slice(j * inner, inner);
                for (int i = 0; i < inner; i++)
                {
                    target[i] = (float)row[i];
                }
            }
        }
    }

    /// <summary>The last axis: each contiguous line is copied once into a reflected, padded buffer.</summary>
    private static void SmoothLines(Span<float> data, int length, double[] kernel)
    {
        int radius = kernel.Length / 2;
        var padded = new double[length + (2 * radius)];
        for (int start = 0; start < data.Length; start += length)
        {
            var line = data.Slice(start, length);
            for (int i = 0; i < padded.Length; i++)
            {
                padded[i] = line[Reflect(i - radius, length)];
            }

            for (int j = 0; j < length; j++)
            {
                double sum = 0;
                for (int t = 0; t < kernel.Length; t++)
                {
                    sum += kernel[t] * padded[j + t];
                }

                line[j] = (float)sum;
            }
        }
    }

    /// <summary>scipy's 'reflect' extension (half-sample symmetric, repeating with period 2·length).</summary>
    internal static int Reflect(int index, int length)
    {
        int period = 2 * length;
        int i = index % period;
        if (i < 0)
        {
            i += period;
        }

        return i < length ? i : period - 1 - i;
    }
}
