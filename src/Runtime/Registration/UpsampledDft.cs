using System.Buffers;
using System.Numerics;

namespace Volara.Runtime.Registration;

/// <summary>
/// Sub-voxel refinement of a cross-correlation peak: the inverse DFT of the normalised cross-power spectrum evaluated on a
/// grid <c>upsample</c> times finer, only in a small region around the integer peak, by one matrix multiplication per
/// axis (Guizar-Sicairos et al.) instead of a zero-padded FFT of the whole volume.
/// </summary>
internal static class UpsampledDft
{
    /// <summary>
    /// Refines <paramref name="shift"/> (voxels, integer on entry, already wrapped to ±size/2) against the cross-power
    /// spectrum <paramref name="product"/>: adds the offset, in multiples of 1 / <paramref name="upsample"/>, of the
    /// largest magnitude in a region of ceil(1.5 × upsample) samples per axis centred on it.
    /// </summary>
    public static void Refine(ReadOnlySpan<Complex> product, ReadOnlySpan<int> shape, int upsample, Span<double> shift)
    {
        int dims = shape.Length;
        int region = (int)Math.Ceiling(upsample * 1.5);
        double centre = Math.Truncate(region / 2.0);
        Span<double> regionOffset = stackalloc double[dims];
        for (int d = 0; d < dims; d++)
        {
            shift[d] = Math.Round(shift[d] * upsample) / upsample;
            regionOffset[d] = centre - (shift[d] * upsample);
        }

        // Contract the first axis first: its pass, the only one over the whole spectrum, then runs along contiguous
        // rows of the later axes. Each pass replaces one axis of length n by `region` samples, so sizes only shrink.
        Span<int> current = stackalloc int[dims];
        shape.CopyTo(current);
        int firstPass = product.Length / shape[0] * region;
        var source = ArrayPool<Complex>.Shared.Rent(firstPass);
        var target = ArrayPool<Complex>.Shared.Rent(firstPass);
        var kernel = ArrayPool<Complex>.Shared.Rent(region * MaxLength(shape));
        try
        {
            for (int axis = 0; axis < dims; axis++)
            {
                int length = current[axis];
                FillKernel(kernel.AsSpan(0, region * length), length, region, regionOffset[axis], upsample);
                int outer = 1;
                for (int d = 0; d < axis; d++)
                {
                    outer *= current[d];
                }

                int inner = 1;
                for (int d = axis + 1; d < dims; d++)
                {
                    inner *= current[d];
                }

                // The inverse DFT's kernel is the conjugate's forward one: the spectrum is conjugated as it is read.
                ContractAxis(axis == 0 ? product : source, target, kernel, outer, length, inner, region, conjugate: axis == 0);
                current[axis] = region;
                (source, target) = (target, source);
            }

            int samples = 1;
            for (int d = 0; d < dims; d++)
            {
                samples *= region;
            }

            int best = 0;
            double bestMagnitude = -1;
            for (int i = 0; i < samples; i++)
            {
                var value = source[i];
                double magnitude = (value.Real * value.Real) + (value.Imaginary * value.Imaginary);
                if (magnitude > bestMagnitude)
                {
                    bestMagnitude = magnitude;
                    best = i;
                }
            }

            for (int d = dims - 1; d >= 0; d--)
            {
                shift[d] += ((best % region) - centre) / upsample;
                best /= region;
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(source);
            ArrayPool<Complex>.Shared.Return(target);
            ArrayPool<Complex>.Shared.Return(kernel);
        }
    }

    /// <summary>kernel[k, j] = exp(−2πi (k − offset) · fftfreq(length, upsample)[j]).</summary>
    private static void FillKernel(Span<Complex> kernel, int length, int region, double offset, int upsample)
    {
        int positive = (length + 1) / 2;
        for (int k = 0; k < region; k++)
        {
            for (int j = 0; j < length; j++)
            {
                double frequency = (j < positive ? j : j - length) / ((double)length * upsample);
                kernel[(k * length) + j] = Complex.FromPolarCoordinates(1, -2 * Math.PI * (k - offset) * frequency);
            }
        }
    }

    /// <summary>target[o, k, i] = Σ_j kernel[k, j] · source[o, j, i] (or its conjugate).</summary>
    private static void ContractAxis(ReadOnlySpan<Complex> source, Complex[] target, Complex[] kernel, int outer, int length, int inner, int region, bool conjugate)
    {
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < region; k++)
            {
                var row = kernel.AsSpan(k * length, length);
                var destination = target.AsSpan(((o * region) + k) * inner, inner);
                destination.Clear();
                for (int j = 0; j < length; j++)
                {
                    var weight = row[j];
                    var line = source.Slice(((o * length) + j) * inner, inner);
                    if (conjugate)
                    {
                        for (int i = 0; i < inner; i++)
                        {
                            destination[i] += weight * Complex.Conjugate(line[i]);
                        }
                    }
                    else
                    {
                        for (int i = 0; i < inner; i++)
                        {
                            destination[i] += weight * line[i];
                        }
                    }
                }
            }
        }
    }

    private static int MaxLength(ReadOnlySpan<int> shape)
    {
        int max = 1;
        foreach (int length in shape)
        {
            max = Math.Max(max, length);
        }

        return max;
    }
}
