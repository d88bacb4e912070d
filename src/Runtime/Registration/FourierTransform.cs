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
    // lengths that are not powers of two get a transform of their own (mixed radix for factors 2, 3, 5 and 7, else a
    // chirp transform), per length and thread, built once.
    [ThreadStatic]
    private static Dictionary<int, Complex[]>? lineBuffers;

    [ThreadStatic]
    private static Dictionary<int, ILineTransform>? lineTransforms;

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
        var transform = BitOperations.IsPow2(length) ? null : LineTransform(length);
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

                if (transform is not null)
                {
                    if (forward)
                    {
                        transform.Forward(line);
                    }
                    else
                    {
                        transform.Inverse(line);
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

    private static ILineTransform LineTransform(int length)
    {
        lineTransforms ??= [];
        if (!lineTransforms.TryGetValue(length, out var transform))
        {
            transform = MixedRadixFft.For(length) ?? (ILineTransform)new ChirpTransform(length);
            lineTransforms[length] = transform;
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
