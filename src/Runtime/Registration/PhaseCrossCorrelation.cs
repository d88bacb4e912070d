using System.Buffers;
using System.Numerics;

namespace Volara.Runtime.Registration;

/// <summary>
/// Translation between two images by phase cross-correlation, with scikit-image's semantics
/// (<c>skimage.registration.phase_cross_correlation</c>, <c>normalization="phase"</c>): the returned shift, in voxels per
/// axis, is the translation that registers the moving image onto the reference (<c>reference(x) ≈ moving(x − shift)</c>).
/// </summary>
public static class PhaseCrossCorrelation
{
    /// <summary>
    /// Estimates the shift of <paramref name="moving"/> relative to <paramref name="reference"/> (both C order, shape
    /// <paramref name="shape"/>, any number of axes) to within 1 / <paramref name="upsampleFactor"/> voxel.
    /// Axes of length 1 get a zero shift.
    /// </summary>
    public static void Estimate(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, ReadOnlySpan<int> shape, int upsampleFactor, Span<double> shift)
    {
        int size = CheckShapes(reference.Length, moving.Length, shape, shift.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(upsampleFactor, 1);
        var referenceSpectrum = ArrayPool<Complex>.Shared.Rent(size);
        var movingSpectrum = ArrayPool<Complex>.Shared.Rent(size);
        try
        {
            var product = referenceSpectrum.AsSpan(0, size);
            var other = movingSpectrum.AsSpan(0, size);
            for (int i = 0; i < size; i++)
            {
                product[i] = reference[i];
                other[i] = moving[i];
            }

            FourierTransform.Forward(product, shape);
            FourierTransform.Forward(other, shape);
            NormalisedCrossPower(product, other);

            // The correlation goes to the second buffer; the cross-power spectrum stays for the refinement.
            product.CopyTo(other);
            FourierTransform.Inverse(other, shape);
            IntegerPeak(other, shape, shift);
            if (upsampleFactor > 1)
            {
                UpsampledDft.Refine(product, shape, upsampleFactor, shift);
            }

            for (int d = 0; d < shape.Length; d++)
            {
                if (shape[d] == 1)
                {
                    shift[d] = 0;
                }
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(referenceSpectrum);
            ArrayPool<Complex>.Shared.Return(movingSpectrum);
        }
    }

    /// <summary>Elements of the shape; throws when the images, shape and shift disagree.</summary>
    internal static int CheckShapes(int referenceLength, int movingLength, ReadOnlySpan<int> shape, int shiftLength)
    {
        if (shape.Length == 0)
        {
            throw new ArgumentException("the images need at least one axis", nameof(shape));
        }

        long size = 1;
        foreach (int length in shape)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 1, nameof(shape));
            size *= length;
        }

        if (size > Array.MaxLength || referenceLength != size || movingLength != size)
        {
            throw new ArgumentException(
                $"shape [{string.Join(", ", shape.ToArray())}] has {size} elements, the reference has {referenceLength} and the moving image {movingLength}");
        }

        if (shiftLength != shape.Length)
        {
            throw new ArgumentException($"the shift needs {shape.Length} elements (one per axis), it has {shiftLength}", "shift");
        }

        return (int)size;
    }

    /// <summary>product = A · conj(B) / max(|A · conj(B)|, 100 ε).</summary>
    private static void NormalisedCrossPower(Span<Complex> product, ReadOnlySpan<Complex> moving)
    {
        // numpy's float64 machine epsilon (double.Epsilon is the smallest subnormal, not the same thing).
        const double floor = 100 * 2.220446049250313e-16;
        for (int i = 0; i < product.Length; i++)
        {
            var value = product[i] * Complex.Conjugate(moving[i]);
            product[i] = value / Math.Max(value.Magnitude, floor);
        }
    }

    /// <summary>The first largest magnitude (C order), as a shift wrapped to (−size/2, size/2].</summary>
    private static void IntegerPeak(ReadOnlySpan<Complex> correlation, ReadOnlySpan<int> shape, Span<double> shift)
    {
        int best = 0;
        double bestMagnitude = -1;
        for (int i = 0; i < correlation.Length; i++)
        {
            double magnitude = correlation[i].Magnitude;
            if (magnitude > bestMagnitude)
            {
                bestMagnitude = magnitude;
                best = i;
            }
        }

        for (int d = shape.Length - 1; d >= 0; d--)
        {
            int index = best % shape[d];
            best /= shape[d];
            shift[d] = index > shape[d] / 2 ? index - shape[d] : index;
        }
    }
}
