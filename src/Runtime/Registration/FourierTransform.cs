using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Volara.Runtime.Registration;

/// <summary>
/// N-dimensional discrete Fourier transforms in numpy's convention (forward unscaled, inverse scaled by 1 / size), done as
/// one MathNet.Numerics pass per axis over a flat C-order buffer, so the volume itself can live in a pooled array.
/// </summary>
internal static class FourierTransform
{
    // MathNet transforms whole arrays: one exact-length line buffer per length, per thread, reused across blocks;
    // lengths of factors 2, 3, 5 and 7 get a mixed-radix transform, other lengths that are not powers of two a chirp
    // transform, each per length and thread, built once.
    [ThreadStatic]
    private static Dictionary<int, Complex[]>? lineBuffers;

    [ThreadStatic]
    private static Dictionary<int, ChirpTransform>? chirpTransforms;

    [ThreadStatic]
    private static Dictionary<int, MixedRadixFft?>? mixedRadix;

    /// <summary>Forward transform of <paramref name="data"/> (shape <paramref name="shape"/>, C order) in place.</summary>
    public static void Forward(Span<Complex> data, ReadOnlySpan<int> shape) => Transform(data, shape, forward: true);

    /// <summary>Inverse transform (scaled by 1 / size) of <paramref name="data"/> in place.</summary>
    public static void Inverse(Span<Complex> data, ReadOnlySpan<int> shape) => Transform(data, shape, forward: false);

    private static void Transform(Span<Complex> data, ReadOnlySpan<int> shape, bool forward)
    {
        int inner = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            int length = shape[axis];
            if (length > 1)
            {
                TransformAxis(data, length, inner, forward);
            }

            inner *= length;
        }
    }

    private static void TransformAxis(Span<Complex> data, int length, int stride, bool forward)
    {
        var line = LineBuffer(length);
        var mixed = BitOperations.IsPow2(length) ? null : MixedRadix(length);
        var chirp = BitOperations.IsPow2(length) || mixed is not null ? null : ChirpTransform(length);
        int span = length * stride;
        for (int outer = 0; outer < data.Length; outer += span)
        {
            for (int offset = 0; offset < stride; offset++)
            {
                int start = outer + offset;
                for (int k = 0; k < length; k++)
                {
                    line[k] = data[start + (k * stride)];
                }

                if (mixed is not null)
                {
                    if (forward)
                    {
                        mixed.Forward(line);
                    }
                    else
                    {
                        mixed.Inverse(line);
                    }
                }
                else if (chirp is not null)
                {
                    if (forward)
                    {
                        chirp.Forward(line);
                    }
                    else
                    {
                        chirp.Inverse(line);
                    }
                }
                else if (forward)
                {
                    Fourier.Forward(line, FourierOptions.Matlab);
                }
                else
                {
                    Fourier.Inverse(line, FourierOptions.Matlab);
                }

                for (int k = 0; k < length; k++)
                {
                    data[start + (k * stride)] = line[k];
                }
            }
        }
    }

    private static MixedRadixFft? MixedRadix(int length)
    {
        mixedRadix ??= [];
        if (!mixedRadix.TryGetValue(length, out var transform))
        {
            transform = MixedRadixFft.For(length);
            mixedRadix[length] = transform;
        }

        return transform;
    }

    private static ChirpTransform ChirpTransform(int length)
    {
        chirpTransforms ??= [];
        if (!chirpTransforms.TryGetValue(length, out var transform))
        {
            transform = new ChirpTransform(length);
            chirpTransforms[length] = transform;
        }

        return transform;
    }

    private static Complex[] LineBuffer(int length)
    {
        lineBuffers ??= [];
        if (!lineBuffers.TryGetValue(length, out var line))
        {
            line = new Complex[length];
            lineBuffers[length] = line;
        }

        return line;
    }
}
