using System.Buffers;
using System.Numerics;

namespace Volara.Runtime.Registration;

/// <summary>
/// N-dimensional discrete Fourier transforms in numpy's convention (forward unscaled, inverse scaled by 1 / size), one
/// pass per axis over a flat C-order buffer, so the volume itself can live in a pooled array.
/// </summary>
internal static class FourierTransform
{
    // Transforms are built once per length and thread: their twiddles (and a chirp transform's buffers) are reused
    // across blocks.
    [ThreadStatic]
    private static Dictionary<int, MixedRadixFft?>? mixedRadix;

    [ThreadStatic]
    private static Dictionary<int, ChirpTransform>? chirps;

    /// <summary>Forward transform of <paramref name="data"/> (shape <paramref name="shape"/>, C order) in place.</summary>
    public static void Forward(Span<Complex> data, ReadOnlySpan<int> shape) => Transform(data, shape, inverse: false);

    /// <summary>Inverse transform (scaled by 1 / size) of <paramref name="data"/> in place.</summary>
    public static void Inverse(Span<Complex> data, ReadOnlySpan<int> shape) => Transform(data, shape, inverse: true);

    private static void Transform(Span<Complex> data, ReadOnlySpan<int> shape, bool inverse)
    {
        int inner = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            int length = shape[axis];
            if (length > 1)
            {
                if (MixedRadix(length) is { } transform)
                {
                    TransformAxis(data, transform, length, inner, inverse);
                }
                else
                {
                    TransformAxisByLines(data, Chirp(length), length, inner, inverse);
                }
            }

            inner *= length;
        }
    }

    // The axis's lines are interleaved within each slab of length × stride elements: transformed together, in place.
    private static void TransformAxis(Span<Complex> data, MixedRadixFft transform, int length, int stride, bool inverse)
    {
        int slab = length * stride;
        var scratch = ArrayPool<Complex>.Shared.Rent(slab);
        try
        {
            for (int outer = 0; outer < data.Length; outer += slab)
            {
                transform.Transform(data.Slice(outer, slab), stride, inverse, scratch);
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(scratch);
        }
    }

    // Lengths with a large prime factor are rare (registration chooses its block sizes): one line at a time.
    private static void TransformAxisByLines(Span<Complex> data, ChirpTransform transform, int length, int stride, bool inverse)
    {
        var line = new Complex[length];
        int slab = length * stride;
        for (int outer = 0; outer < data.Length; outer += slab)
        {
            for (int offset = 0; offset < stride; offset++)
            {
                int start = outer + offset;
                for (int k = 0; k < length; k++)
                {
                    line[k] = data[start + (k * stride)];
                }

                if (inverse)
                {
                    transform.Inverse(line);
                }
                else
                {
                    transform.Forward(line);
                }

                for (int k = 0; k < length; k++)
                {
                    data[start + (k * stride)] = line[k];
                }
            }
        }
    }

    private static MixedRadixFft? MixedRadix(int length) => PerLength(ref mixedRadix, length, MixedRadixFft.For);

    private static ChirpTransform Chirp(int length) => PerLength(ref chirps, length, n => new ChirpTransform(n));

    private static T PerLength<T>(ref Dictionary<int, T>? cache, int length, Func<int, T> create)
    {
        cache ??= [];
        if (!cache.TryGetValue(length, out var transform))
        {
            transform = create(length);
            cache[length] = transform;
        }

        return transform;
    }
}
