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
    /// Estimates the shift of each image of <paramref name="moving"/> (one, or several stacked) relative to
    /// <paramref name="reference"/> (all C order, shape <paramref name="shape"/>, any number of axes) to within
    /// 1 / <paramref name="upsampleFactor"/> voxel, into <paramref name="shift"/>: one row of ndim values per moving
    /// image. Axes of length 1 get a zero shift.
    /// </summary>
    /// <remarks>
    /// Images and correlations are real, so two share one complex transform (x + i·y), forward and inverse, and the
    /// reference's spectrum is computed once for all moving images: n moving images take ⌈(n + 1) / 2⌉ forward and
    /// ⌈n / 2⌉ inverse transforms, where registering them one at a time would take 3 n.
    /// </remarks>
    public static void Estimate(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, ReadOnlySpan<int> shape, int upsampleFactor, Span<double> shift)
    {
        int size = CheckShapes(reference.Length, moving.Length, shape, shift.Length, stacked: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(upsampleFactor, 1);
        int count = moving.Length / size;
        int dims = shape.Length;
        var pool = ArrayPool<Complex>.Shared;

        // Cross-power spectra wait in `products` until two can share an inverse transform; pairing forward transforms
        // fills at most three.
        var referenceSpectrum = pool.Rent(size);
        var packed = pool.Rent(size);
        Complex[][] products = [pool.Rent(size), pool.Rent(size), pool.Rent(size)];
        try
        {
            var spectrum = referenceSpectrum.AsSpan(0, size);
            var work = packed.AsSpan(0, size);
            int next = 0;
            int ready = 0;
            int resolved = 0;
            while (resolved < count)
            {
                if (ready >= 2 || (next == count && ready > 0))
                {
                    int pair = Math.Min(2, ready);
                    var second = pair == 2 ? products[1].AsSpan(0, size) : default;
                    Resolve(products[0].AsSpan(0, size), second, work, shape, upsampleFactor, shift.Slice(resolved * dims, pair * dims));
                    resolved += pair;
                    ready -= pair;
                    products = pair == 2 ? [products[2], products[0], products[1]] : [products[1], products[2], products[0]];
                    continue;
                }

                var image = moving.Slice(next * size, size);
                if (next == 0)
                {
                    Pack(reference, image, work);
                    FourierTransform.Forward(work, shape);
                    Split(work, shape, spectrum, products[ready].AsSpan(0, size));
                    NormalisedCrossPower(spectrum, products[ready++].AsSpan(0, size));
                    next = 1;
                }
                else if (next + 1 < count)
                {
                    Pack(image, moving.Slice((next + 1) * size, size), work);
                    FourierTransform.Forward(work, shape);
                    Split(work, shape, products[ready].AsSpan(0, size), products[ready + 1].AsSpan(0, size));
                    NormalisedCrossPower(spectrum, products[ready++].AsSpan(0, size));
                    NormalisedCrossPower(spectrum, products[ready++].AsSpan(0, size));
                    next += 2;
                }
                else
                {
                    Pack(image, default, work);
                    FourierTransform.Forward(work, shape);
                    Split(work, shape, products[ready].AsSpan(0, size), default);
                    NormalisedCrossPower(spectrum, products[ready++].AsSpan(0, size));
                    next++;
                }
            }

            for (int image = 0; image < count; image++)
            {
                for (int d = 0; d < dims; d++)
                {
                    if (shape[d] == 1)
                    {
                        shift[(image * dims) + d] = 0;
                    }
                }
            }
        }
        finally
        {
            pool.Return(referenceSpectrum);
            pool.Return(packed);
            foreach (var product in products)
            {
                pool.Return(product);
            }
        }
    }

    /// <summary>Elements of one image; throws when the images, shape and shift disagree.</summary>
    /// <param name="stacked">Whether the moving images may be several, stacked (the shift then has one row per image).</param>
    internal static int CheckShapes(int referenceLength, int movingLength, ReadOnlySpan<int> shape, int shiftLength, bool stacked = false)
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

        long images = stacked ? movingLength / size : 1;
        if (size > Array.MaxLength || referenceLength != size || images < 1 || movingLength != size * images)
        {
            string moving = stacked ? "the moving images" : "the moving image";
            throw new ArgumentException(
                $"shape [{string.Join(", ", shape.ToArray())}] has {size} elements, the reference has {referenceLength} and {moving} {movingLength}");
        }

        if (shiftLength != shape.Length * images)
        {
            throw new ArgumentException($"the shift needs {shape.Length * images} elements (one per axis and moving image), it has {shiftLength}", "shift");
        }

        return (int)size;
    }

    /// <summary>packed = x + i·y (y empty: zero).</summary>
    private static void Pack(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<Complex> packed)
    {
        for (int i = 0; i < packed.Length; i++)
        {
            packed[i] = new Complex(x[i], y.IsEmpty ? 0 : y[i]);
        }
    }

    /// <summary>
    /// The spectra X and Y of two real images from the transform Z of x + i·y: X[k] = (Z[k] + conj(Z[−k])) / 2 and
    /// Y[k] = (Z[k] − conj(Z[−k])) / 2i, with −k taken per axis modulo its length. <paramref name="second"/> may be empty.
    /// </summary>
    private static void Split(ReadOnlySpan<Complex> packed, ReadOnlySpan<int> shape, Span<Complex> first, Span<Complex> second)
    {
        int dims = shape.Length;
        int last = shape[dims - 1];
        Span<int> row = stackalloc int[dims];
        Span<int> strides = stackalloc int[dims];
        int stride = 1;
        for (int d = dims - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        // Row by row along the last axis: the mirrored row is found once per row, not once per element.
        for (int start = 0; start < packed.Length; start += last)
        {
            int mirrorRow = 0;
            for (int d = 0; d < dims - 1; d++)
            {
                mirrorRow += (row[d] == 0 ? 0 : shape[d] - row[d]) * strides[d];
            }

            for (int x = 0; x < last; x++)
            {
                var z = packed[start + x];
                var conjugateMirror = Complex.Conjugate(packed[mirrorRow + (x == 0 ? 0 : last - x)]);
                first[start + x] = (z + conjugateMirror) * 0.5;
                if (!second.IsEmpty)
                {
                    var difference = z - conjugateMirror;
                    second[start + x] = new Complex(difference.Imaginary * 0.5, -difference.Real * 0.5);
                }
            }

            for (int d = dims - 2; d >= 0 && ++row[d] == shape[d]; d--)
            {
                row[d] = 0;
            }
        }
    }

    /// <summary>product = A · conj(B) / max(|A · conj(B)|, 100 ε), with B read from, and the result written to, <paramref name="moving"/>.</summary>
    private static void NormalisedCrossPower(ReadOnlySpan<Complex> reference, Span<Complex> moving)
    {
        // numpy's float64 machine epsilon (double.Epsilon is the smallest subnormal, not the same thing).
        const double floor = 100 * 2.220446049250313e-16;
        for (int i = 0; i < moving.Length; i++)
        {
            var value = reference[i] * Complex.Conjugate(moving[i]);
            double magnitude = Math.Sqrt((value.Real * value.Real) + (value.Imaginary * value.Imaginary));
            moving[i] = value / Math.Max(magnitude, floor);
        }
    }

    /// <summary>
    /// The shifts of one or two moving images from their cross-power spectra: the correlations (real) come out of one
    /// inverse transform of first + i·second, as its real and imaginary parts.
    /// </summary>
    private static void Resolve(ReadOnlySpan<Complex> first, ReadOnlySpan<Complex> second, Span<Complex> work, ReadOnlySpan<int> shape, int upsampleFactor, Span<double> shifts)
    {
        int dims = shape.Length;
        for (int i = 0; i < work.Length; i++)
        {
            var a = first[i];
            work[i] = second.IsEmpty ? a : new Complex(a.Real - second[i].Imaginary, a.Imaginary + second[i].Real);
        }

        FourierTransform.Inverse(work, shape);
        IntegerPeak(work, imaginaryPart: false, shape, shifts[..dims]);
        if (!second.IsEmpty)
        {
            IntegerPeak(work, imaginaryPart: true, shape, shifts[dims..]);
        }

        if (upsampleFactor > 1)
        {
            UpsampledDft.Refine(first, shape, upsampleFactor, shifts[..dims]);
            if (!second.IsEmpty)
            {
                UpsampledDft.Refine(second, shape, upsampleFactor, shifts[dims..]);
            }
        }
    }

    /// <summary>The first largest magnitude (C order) of one part of the correlation, as a shift wrapped to (−size/2, size/2].</summary>
    private static void IntegerPeak(ReadOnlySpan<Complex> correlation, bool imaginaryPart, ReadOnlySpan<int> shape, Span<double> shift)
    {
        int best = 0;
        double bestMagnitude = -1;
        for (int i = 0; i < correlation.Length; i++)
        {
            double magnitude = Math.Abs(imaginaryPart ? correlation[i].Imaginary : correlation[i].Real);
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
