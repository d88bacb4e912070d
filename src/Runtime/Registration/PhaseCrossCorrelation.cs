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
        var packedBuffer = ArrayPool<Complex>.Shared.Rent(size);
        var productBuffer = ArrayPool<Complex>.Shared.Rent(size);
        try
        {
            // Both images are real: one complex transform of reference + i·moving yields both spectra.
            var packed = packedBuffer.AsSpan(0, size);
            var product = productBuffer.AsSpan(0, size);
            for (int i = 0; i < size; i++)
            {
                packed[i] = new Complex(reference[i], moving[i]);
            }

            FourierTransform.Forward(packed, shape);
            NormalisedCrossPower(packed, shape, product);

            // The correlation goes to the packed buffer; the cross-power spectrum stays for the refinement.
            product.CopyTo(packed);
            FourierTransform.Inverse(packed, shape);
            IntegerPeak(packed, shape, shift);
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
            ArrayPool<Complex>.Shared.Return(packedBuffer);
            ArrayPool<Complex>.Shared.Return(productBuffer);
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

    /// <summary>
    /// product = A · conj(B) / max(|A · conj(B)|, 100 ε), where Z = A + i·B is the transform of reference + i·moving:
    /// A[k] = (Z[k] + conj(Z[−k])) / 2 and B[k] = (Z[k] − conj(Z[−k])) / 2i, with −k taken per axis modulo its length.
    /// </summary>
    private static void NormalisedCrossPower(ReadOnlySpan<Complex> packed, ReadOnlySpan<int> shape, Span<Complex> product)
    {
        // numpy's float64 machine epsilon (double.Epsilon is the smallest subnormal, not the same thing).
        const double floor = 100 * 2.220446049250313e-16;
        int dims = shape.Length;
        Span<int> index = stackalloc int[dims];
        Span<int> strides = stackalloc int[dims];
        int stride = 1;
        for (int d = dims - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        for (int i = 0; i < packed.Length; i++)
        {
            int mirror = 0;
            for (int d = 0; d < dims; d++)
            {
                mirror += (index[d] == 0 ? 0 : shape[d] - index[d]) * strides[d];
            }

            var z = packed[i];
            var conjugateMirror = Complex.Conjugate(packed[mirror]);
            var a = (z + conjugateMirror) * 0.5;
            var b = (z - conjugateMirror) * new Complex(0, -0.5);
            var value = a * Complex.Conjugate(b);
            double magnitude = Math.Sqrt((value.Real * value.Real) + (value.Imaginary * value.Imaginary));
            product[i] = value / Math.Max(magnitude, floor);
            for (int d = dims - 1; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }
    }

    /// <summary>The first largest magnitude (C order), as a shift wrapped to (−size/2, size/2].</summary>
    private static void IntegerPeak(ReadOnlySpan<Complex> correlation, ReadOnlySpan<int> shape, Span<double> shift)
    {
        int best = 0;
        double bestMagnitude = -1;
        for (int i = 0; i < correlation.Length; i++)
        {
            var value = correlation[i];
            double magnitude = (value.Real * value.Real) + (value.Imaginary * value.Imaginary);
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
