using System.Numerics;

namespace Volara.Runtime.Registration;

/// <summary>
/// A forward DFT of one length whose prime factors are all 2, 3, 5 or 7 (the block sizes registration uses: 48 is
/// 4·4·3), by recursive Cooley–Tukey decimation in time with the twiddle factors computed once per length. Lines of
/// such lengths were going through a chirp-z convolution of two power-of-two transforms more than twice as long.
/// </summary>
internal sealed class MixedRadixFft : ILineTransform
{
    private readonly int length;
    private readonly int[] factors;
    private readonly Complex[] twiddles;
    private readonly Complex[] input;

    private MixedRadixFft(int length, int[] factors)
    {
        this.length = length;
        this.factors = factors;
        twiddles = new Complex[length];
        for (int k = 0; k < length; k++)
        {
            twiddles[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / length);
        }

        input = new Complex[length];
    }

    /// <summary>The transform for <paramref name="length"/>, or null when it has a prime factor above 7.</summary>
    public static MixedRadixFft? For(int length)
    {
        var factors = new List<int>();
        int rest = length;
        foreach (int radix in new[] { 4, 2, 3, 5, 7 })
        {
            while (rest % radix == 0)
            {
                factors.Add(radix);
                rest /= radix;
            }
        }

        return rest == 1 && length > 1 ? new MixedRadixFft(length, [.. factors]) : null;
    }

    /// <summary>The unscaled forward transform of <paramref name="line"/>, in place.</summary>
    public void Forward(Span<Complex> line)
    {
        line.CopyTo(input);
        Transform(0, 1, line, length, 0);
    }

    /// <summary>The inverse transform scaled by 1 / length, in place (the forward one of the conjugate, conjugated).</summary>
    public void Inverse(Span<Complex> line)
    {
        for (int k = 0; k < length; k++)
        {
            input[k] = Complex.Conjugate(line[k]);
        }

        Transform(0, 1, line, length, 0);
        double scale = 1.0 / length;
        for (int k = 0; k < length; k++)
        {
            line[k] = Complex.Conjugate(line[k]) * scale;
        }
    }

    /// <summary>
    /// The DFT of the <paramref name="count"/> inputs at <paramref name="offset"/> + j·<paramref name="stride"/> into
    /// <paramref name="output"/>: the transforms of the <c>p</c> decimated subsequences, then one butterfly of
    /// radix <c>p</c> per output frequency.
    /// </summary>
    private void Transform(int offset, int stride, Span<Complex> output, int count, int level)
    {
        int radix = factors[level];
        int sub = count / radix;
        if (sub == 1)
        {
            for (int q = 0; q < radix; q++)
            {
                output[q] = input[offset + (q * stride)];
            }
        }
        else
        {
            for (int q = 0; q < radix; q++)
            {
                Transform(offset + (q * stride), stride * radix, output.Slice(q * sub, sub), sub, level + 1);
            }
        }

        // Twiddles of this level are every (length / count)-th of the whole transform's.
        int step = length / count;
        switch (radix)
        {
            case 2:
                Radix2(output, sub, step);
                break;
            case 4:
                Radix4(output, sub, step);
                break;
            default:
                AnyRadix(output, radix, sub, step);
                break;
        }
    }

    private void Radix2(Span<Complex> output, int sub, int step)
    {
        for (int k = 0; k < sub; k++)
        {
            Complex a = output[k];
            Complex b = output[sub + k] * twiddles[k * step];
            output[k] = a + b;
            output[sub + k] = a - b;
        }
    }

    // Radix 4 needs no multiplications inside the butterfly: its factors are ±1 and ±i.
    private void Radix4(Span<Complex> output, int sub, int step)
    {
        for (int k = 0; k < sub; k++)
        {
            Complex a = output[k];
            Complex b = output[sub + k] * twiddles[k * step];
            Complex c = output[(2 * sub) + k] * twiddles[2 * k * step];
            Complex d = output[(3 * sub) + k] * twiddles[3 * k * step];
            Complex sumAc = a + c, diffAc = a - c, sumBd = b + d, diffBd = b - d;
            var minusIDiffBd = new Complex(diffBd.Imaginary, -diffBd.Real);
            output[k] = sumAc + sumBd;
            output[sub + k] = diffAc + minusIDiffBd;
            output[(2 * sub) + k] = sumAc - sumBd;
            output[(3 * sub) + k] = diffAc - minusIDiffBd;
        }
    }

    private void AnyRadix(Span<Complex> output, int radix, int sub, int step)
    {
        Span<Complex> terms = stackalloc Complex[radix];
        for (int k = 0; k < sub; k++)
        {
            for (int q = 0; q < radix; q++)
            {
                terms[q] = q == 0 ? output[k] : output[(q * sub) + k] * twiddles[q * k * step];
            }

            for (int r = 0; r < radix; r++)
            {
                Complex sum = terms[0];
                for (int q = 1; q < radix; q++)
                {
                    sum += terms[q] * twiddles[q * r % radix * (length / radix)];
                }

                output[(r * sub) + k] = sum;
            }
        }
    }
}
