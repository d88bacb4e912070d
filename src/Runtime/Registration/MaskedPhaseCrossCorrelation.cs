using System.Buffers;
using System.Numerics;

namespace Volara.Runtime.Registration;

/// <summary>
/// Translation between two images restricted to masks, by masked normalised cross-correlation (Padfield 2012), with
/// scikit-image's semantics (<c>phase_cross_correlation</c> given masks): integer (or half-integer, on ties) shifts that
/// register the moving image onto the reference; translations whose mask overlap is below
/// <c>overlapRatio × the largest overlap</c> are ignored.
/// </summary>
public static class MaskedPhaseCrossCorrelation
{
    /// <summary>scikit-image's default minimum overlap ratio.</summary>
    public const double DefaultOverlapRatio = 0.3;

    // numpy's float64 machine epsilon, as skimage uses it for float64 data.
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>
    /// Estimates the shift of <paramref name="moving"/> relative to <paramref name="reference"/> using only the voxels where
    /// the masks are non-zero. Both images have shape <paramref name="shape"/> (C order).
    /// </summary>
    public static void Estimate(
        ReadOnlySpan<float> reference,
        ReadOnlySpan<float> moving,
        ReadOnlySpan<byte> referenceMask,
        ReadOnlySpan<byte> movingMask,
        ReadOnlySpan<int> shape,
        double overlapRatio,
        Span<double> shift)
    {
        int size = PhaseCrossCorrelation.CheckShapes(reference.Length, moving.Length, shape, shift.Length);
        if (referenceMask.Length != size || movingMask.Length != size)
        {
            throw new ArgumentException($"the masks need {size} elements like the images, they have {referenceMask.Length} and {movingMask.Length}");
        }

        if (!(overlapRatio >= 0 && overlapRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(overlapRatio), overlapRatio, "the overlap ratio must lie in [0, 1]");
        }

        // skimage correlates (fixed = moving image, moving = reference image) over the full linear correlation, size 2n − 1.
        int dims = shape.Length;
        Span<int> full = stackalloc int[dims];
        int fullSize = 1;
        for (int d = 0; d < dims; d++)
        {
            full[d] = (2 * shape[d]) - 1;
            fullSize *= full[d];
        }

        var pool = ArrayPool<Complex>.Shared;
        var fixedFft = pool.Rent(fullSize);
        var rotatedFft = pool.Rent(fullSize);
        var fixedMaskFft = pool.Rent(fullSize);
        var rotatedMaskFft = pool.Rent(fullSize);
        var work = pool.Rent(fullSize);
        var reals = ArrayPool<double>.Shared;
        var overlap = reals.Rent(fullSize);
        var correlatedFixed = reals.Rent(fullSize);
        var correlatedRotated = reals.Rent(fullSize);
        var numerator = reals.Rent(fullSize);
        var fixedDenominator = reals.Rent(fullSize);
        try
        {
            var fixedSpectrum = fixedFft.AsSpan(0, fullSize);
            var rotatedSpectrum = rotatedFft.AsSpan(0, fullSize);
            var fixedMaskSpectrum = fixedMaskFft.AsSpan(0, fullSize);
            var rotatedMaskSpectrum = rotatedMaskFft.AsSpan(0, fullSize);
            var scratch = work.AsSpan(0, fullSize);
            var overlapCount = overlap.AsSpan(0, fullSize);
            var fixedCorrelated = correlatedFixed.AsSpan(0, fullSize);
            var rotatedCorrelated = correlatedRotated.AsSpan(0, fullSize);
            var top = numerator.AsSpan(0, fullSize);
            var fixedDenom = fixedDenominator.AsSpan(0, fullSize);

            Embed(moving, movingMask, shape, full, rotate: false, squared: false, fixedSpectrum);
            Embed(reference, referenceMask, shape, full, rotate: true, squared: false, rotatedSpectrum);
            EmbedMask(movingMask, shape, full, rotate: false, fixedMaskSpectrum);
            EmbedMask(referenceMask, shape, full, rotate: true, rotatedMaskSpectrum);
            FourierTransform.Forward(fixedSpectrum, full);
            FourierTransform.Forward(rotatedSpectrum, full);
            FourierTransform.Forward(fixedMaskSpectrum, full);
            FourierTransform.Forward(rotatedMaskSpectrum, full);

            InverseOfProduct(rotatedMaskSpectrum, fixedMaskSpectrum, full, scratch, overlapCount);
            for (int i = 0; i < fullSize; i++)
            {
                overlapCount[i] = Math.Max(Math.Round(overlapCount[i], MidpointRounding.ToEven), Epsilon);
            }

            InverseOfProduct(rotatedMaskSpectrum, fixedSpectrum, full, scratch, fixedCorrelated);
            InverseOfProduct(fixedMaskSpectrum, rotatedSpectrum, full, scratch, rotatedCorrelated);
            InverseOfProduct(rotatedSpectrum, fixedSpectrum, full, scratch, top);
            for (int i = 0; i < fullSize; i++)
            {
                top[i] -= fixedCorrelated[i] * rotatedCorrelated[i] / overlapCount[i];
            }

            // Squared images, reusing the image spectra (no longer needed) as buffers.
            Embed(moving, movingMask, shape, full, rotate: false, squared: true, fixedSpectrum);
            FourierTransform.Forward(fixedSpectrum, full);
            InverseOfProduct(rotatedMaskSpectrum, fixedSpectrum, full, scratch, fixedDenom);
            Embed(reference, referenceMask, shape, full, rotate: true, squared: true, rotatedSpectrum);
            FourierTransform.Forward(rotatedSpectrum, full);
            var movingDenom = fixedCorrelated; // reused after its last read below
            double largestDenominator = 0;
            double largestOverlap = 0;
            for (int i = 0; i < fullSize; i++)
            {
                fixedDenom[i] = Math.Max(fixedDenom[i] - (fixedCorrelated[i] * fixedCorrelated[i] / overlapCount[i]), 0);
            }

            InverseOfProduct(fixedMaskSpectrum, rotatedSpectrum, full, scratch, movingDenom);
            for (int i = 0; i < fullSize; i++)
            {
                double movingTerm = Math.Max(movingDenom[i] - (rotatedCorrelated[i] * rotatedCorrelated[i] / overlapCount[i]), 0);
                double denominator = Math.Sqrt(fixedDenom[i] * movingTerm);
                fixedDenom[i] = denominator;
                largestDenominator = Math.Max(largestDenominator, denominator);
                largestOverlap = Math.Max(largestOverlap, overlapCount[i]);
            }

            double tolerance = 1e3 * Epsilon * largestDenominator;
            double overlapThreshold = overlapRatio * largestOverlap;
            var score = top;
            double best = double.NegativeInfinity;
            for (int i = 0; i < fullSize; i++)
            {
                double value = fixedDenom[i] > tolerance ? Math.Clamp(top[i] / fixedDenom[i], -1, 1) : 0;
                if (overlapCount[i] < overlapThreshold)
                {
                    value = 0;
                }

                score[i] = value;
                best = Math.Max(best, value);
            }

            // The centre of every position holding the maximum; shift = −(centre − shape + 1).
            Span<double> centre = stackalloc double[dims];
            Span<int> index = stackalloc int[dims];
            long count = 0;
            for (int i = 0; i < fullSize; i++)
            {
                if (score[i] != best)
                {
                    continue;
                }

                Unravel(i, full, index);
                for (int d = 0; d < dims; d++)
                {
                    centre[d] += index[d];
                }

                count++;
            }

            for (int d = 0; d < dims; d++)
            {
                shift[d] = -((centre[d] / count) - shape[d] + 1);
            }
        }
        finally
        {
            pool.Return(fixedFft);
            pool.Return(rotatedFft);
            pool.Return(fixedMaskFft);
            pool.Return(rotatedMaskFft);
            pool.Return(work);
            reals.Return(overlap);
            reals.Return(correlatedFixed);
            reals.Return(correlatedRotated);
            reals.Return(numerator);
            reals.Return(fixedDenominator);
        }
    }

    /// <summary>Writes the masked image (optionally squared, optionally flipped over every axis) into the zero-padded full grid.</summary>
    private static void Embed(
        ReadOnlySpan<float> image, ReadOnlySpan<byte> mask, ReadOnlySpan<int> shape, ReadOnlySpan<int> full, bool rotate, bool squared, Span<Complex> target)
    {
        target.Clear();
        Span<int> index = stackalloc int[shape.Length];
        for (int i = 0; i < image.Length; i++)
        {
            if (mask[i] == 0)
            {
                continue;
            }

            double value = image[i];
            target[FullIndex(i, shape, full, rotate, index)] = squared ? value * value : value;
        }
    }

    private static void EmbedMask(ReadOnlySpan<byte> mask, ReadOnlySpan<int> shape, ReadOnlySpan<int> full, bool rotate, Span<Complex> target)
    {
        target.Clear();
        Span<int> index = stackalloc int[shape.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                target[FullIndex(i, shape, full, rotate, index)] = 1;
            }
        }
    }

    private static int FullIndex(int flat, ReadOnlySpan<int> shape, ReadOnlySpan<int> full, bool rotate, Span<int> index)
    {
        Unravel(flat, shape, index);
        int position = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            position = (position * full[d]) + (rotate ? shape[d] - 1 - index[d] : index[d]);
        }

        return position;
    }

    private static void Unravel(int flat, ReadOnlySpan<int> shape, Span<int> index)
    {
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    /// <summary>target = real(ifft(a · b)).</summary>
    private static void InverseOfProduct(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, ReadOnlySpan<int> full, Span<Complex> scratch, Span<double> target)
    {
        for (int i = 0; i < scratch.Length; i++)
        {
            scratch[i] = a[i] * b[i];
        }

        FourierTransform.Inverse(scratch, full);
        for (int i = 0; i < scratch.Length; i++)
        {
            target[i] = scratch[i].Real;
        }
    }
}
