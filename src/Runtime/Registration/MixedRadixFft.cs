using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Volara.Runtime.Registration;

/// <summary>
/// DFTs of one length whose prime factors are all 2, 3, 5 or 7 (the block sizes registration uses: 48 is 4·4·3), by a
/// Stockham autosort transform: one pass per radix between the data and a scratch buffer, no bit reversal. It
/// transforms a batch of interleaved lines at once (sample j of line b at <c>j · batch + b</c>), which is how an inner
/// axis of a C-order volume lies: the butterflies then run over contiguous runs of the batch instead of gathering each
/// strided line into a buffer and scattering it back.
/// </summary>
internal sealed class MixedRadixFft
{
    private readonly int length;
    private readonly int[] radices;
    private readonly Complex[] forwardTwiddles;
    private readonly Complex[] inverseTwiddles;

    private MixedRadixFft(int length, int[] radices)
    {
        this.length = length;
        this.radices = radices;
        forwardTwiddles = new Complex[length];
        inverseTwiddles = new Complex[length];
        for (int k = 0; k < length; k++)
        {
            forwardTwiddles[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / length);
            inverseTwiddles[k] = Complex.Conjugate(forwardTwiddles[k]);
        }
    }

    /// <summary>The transform for <paramref name="length"/>, or null when it has a prime factor above 7.</summary>
    public static MixedRadixFft? For(int length)
    {
        var radices = new List<int>();
        int rest = length;
        foreach (int radix in new[] { 4, 2, 3, 5, 7 })
        {
            while (rest % radix == 0)
            {
                radices.Add(radix);
                rest /= radix;
            }
        }

        return rest == 1 && length > 1 ? new MixedRadixFft(length, [.. radices]) : null;
    }

    /// <summary>
    /// Transforms, in place, the <paramref name="batch"/> interleaved lines of <paramref name="data"/> (length × batch
    /// elements): forward unscaled, inverse scaled by 1 / length (numpy's convention). <paramref name="scratch"/> holds
    /// at least as many elements as <paramref name="data"/>.
    /// </summary>
    public void Transform(Span<Complex> data, int batch, bool inverse, Span<Complex> scratch)
    {
        var twiddles = inverse ? inverseTwiddles : forwardTwiddles;
        var source = data;
        var target = scratch[..data.Length];
        int n = length;
        int run = batch;
        foreach (int radix in radices)
        {
            int m = n / radix;
            int step = length / n;
            switch (radix)
            {
                case 2:
                    Radix2(source, target, m, run, step, twiddles);
                    break;
                case 3:
                    Radix3(source, target, m, run, step, twiddles, inverse);
                    break;
                case 4:
                    Radix4(source, target, m, run, step, twiddles, inverse);
                    break;
                default:
                    AnyRadix(source, target, radix, m, run, step, twiddles);
                    break;
            }

            var swap = source;
            source = target;
            target = swap;
            n = m;
            run *= radix;
        }

        if (inverse)
        {
            var values = MemoryMarshal.Cast<Complex, double>(source);
            TensorPrimitives.Multiply(values, 1.0 / length, MemoryMarshal.Cast<Complex, double>(data));
        }
        else if (source != data)
        {
            source.CopyTo(data);
        }
    }

    // One Stockham pass (decimation in frequency): for each p < m, the radix inputs at (p + k·m)·run read across the
    // run go to (radix·p + j)·run, after the butterfly and the twiddle W_n^(j·p), which is one twiddle for the run.
    private static void Radix2(ReadOnlySpan<Complex> source, Span<Complex> target, int m, int run, int step, Complex[] twiddles)
    {
        for (int p = 0; p < m; p++)
        {
            var w = twiddles[p * step];
            var a0 = source.Slice(p * run, run);
            var a1 = source.Slice((p + m) * run, run);
            var y0 = target.Slice(2 * p * run, run);
            var y1 = target.Slice(((2 * p) + 1) * run, run);
            for (int q = 0; q < run; q++)
            {
                y0[q] = a0[q] + a1[q];
                y1[q] = (a0[q] - a1[q]) * w;
            }
        }
    }

    private static void Radix3(ReadOnlySpan<Complex> source, Span<Complex> target, int m, int run, int step, Complex[] twiddles, bool inverse)
    {
        // W_3 = −1/2 ∓ i·√3/2: the odd part turns by ∓90° and scales by √3/2.
        double sine = inverse ? Math.Sqrt(3) / 2 : -Math.Sqrt(3) / 2;
        for (int p = 0; p < m; p++)
        {
            var w1 = twiddles[p * step];
            var w2 = twiddles[2 * p * step];
            var a0 = source.Slice(p * run, run);
            var a1 = source.Slice((p + m) * run, run);
            var a2 = source.Slice((p + (2 * m)) * run, run);
            var y0 = target.Slice(3 * p * run, run);
            var y1 = target.Slice(((3 * p) + 1) * run, run);
            var y2 = target.Slice(((3 * p) + 2) * run, run);
            for (int q = 0; q < run; q++)
            {
                var sum = a1[q] + a2[q];
                var difference = a1[q] - a2[q];
                var half = a0[q] - (sum * 0.5);
                var turned = new Complex(-sine * difference.Imaginary, sine * difference.Real);
                y0[q] = a0[q] + sum;
                y1[q] = (half + turned) * w1;
                y2[q] = (half - turned) * w2;
            }
        }
    }

    // Radix 4 needs no multiplications inside the butterfly: its factors are ±1 and ±i.
    private static void Radix4(ReadOnlySpan<Complex> source, Span<Complex> target, int m, int run, int step, Complex[] twiddles, bool inverse)
    {
        // The odd part turns by −90° forward (W_4 = −i) and by +90° inverse.
        double turn = inverse ? 1 : -1;
        for (int p = 0; p < m; p++)
        {
            var w1 = twiddles[p * step];
            var w2 = twiddles[2 * p * step];
            var w3 = twiddles[3 * p * step];
            var a0 = source.Slice(p * run, run);
            var a1 = source.Slice((p + m) * run, run);
            var a2 = source.Slice((p + (2 * m)) * run, run);
            var a3 = source.Slice((p + (3 * m)) * run, run);
            var y0 = target.Slice(4 * p * run, run);
            var y1 = target.Slice(((4 * p) + 1) * run, run);
            var y2 = target.Slice(((4 * p) + 2) * run, run);
            var y3 = target.Slice(((4 * p) + 3) * run, run);
            for (int q = 0; q < run; q++)
            {
                var sum02 = a0[q] + a2[q];
                var difference02 = a0[q] - a2[q];
                var sum13 = a1[q] + a3[q];
                var difference13 = a1[q] - a3[q];

                var turned = new Complex(-turn * difference13.Imaginary, turn * difference13.Real);
                y0[q] = sum02 + sum13;
                y1[q] = (difference02 + turned) * w1;
                y2[q] = (sum02 - sum13) * w2;
                y3[q] = (difference02 - turned) * w3;
            }
        }
    }

    private void AnyRadix(ReadOnlySpan<Complex> source, Span<Complex> target, int radix, int m, int run, int step, Complex[] twiddles)
    {
        // W_radix^(j·k) is every (length / radix)-th twiddle of the whole transform.
        int unit = length / radix;
        for (int p = 0; p < m; p++)
        {
            for (int j = 0; j < radix; j++)
            {
                var w = twiddles[j * p * step];
                var y = target.Slice(((radix * p) + j) * run, run);
                for (int q = 0; q < run; q++)
                {
                    Complex sum = source[(p * run) + q];
                    for (int k = 1; k < radix; k++)
                    {
                        sum += source[((p + (k * m)) * run) + q] * twiddles[j * k % radix * unit];
                    }

                    y[q] = sum * w;
                }
            }
        }
    }
}
