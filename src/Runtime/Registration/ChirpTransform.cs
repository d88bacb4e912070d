using System.Numerics;

namespace Volara.Runtime.Registration;

/// <summary>
/// A DFT of one length with a prime factor above 7, as a chirp-z (Bluestein) convolution whose two transforms have the
/// next power of two at least 2·length − 1, with the chirp and the filter's spectrum computed once per length.
/// </summary>
internal sealed class ChirpTransform
{
    private readonly int length;
    private readonly Complex[] chirp;
    private readonly Complex[] filterSpectrum;
    private readonly Complex[] work;
    private readonly Complex[] scratch;
    private readonly MixedRadixFft convolution;

    public ChirpTransform(int length)
    {
        this.length = length;
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)((2 * length) - 1));
        chirp = new Complex[length];
        filterSpectrum = new Complex[size];
        work = new Complex[size];
        scratch = new Complex[size];
        convolution = MixedRadixFft.For(size)!;
        for (int j = 0; j < length; j++)
        {
            // j² mod 2n keeps the angle small, so the chirp stays exact for long lines.
            long square = (long)j * j % (2L * length);
            chirp[j] = Complex.FromPolarCoordinates(1, -Math.PI * square / length);
        }

        filterSpectrum[0] = Complex.Conjugate(chirp[0]);
        for (int j = 1; j < length; j++)
        {
            filterSpectrum[j] = Complex.Conjugate(chirp[j]);
            filterSpectrum[size - j] = Complex.Conjugate(chirp[j]);
        }

        convolution.Transform(filterSpectrum, 1, inverse: false, scratch);
    }

    /// <summary>Unscaled forward DFT of <paramref name="line"/> (exactly this transform's length) in place.</summary>
    public void Forward(Span<Complex> line)
    {
        for (int j = 0; j < length; j++)
        {
            work[j] = line[j] * chirp[j];
        }

        Array.Clear(work, length, work.Length - length);
        convolution.Transform(work, 1, inverse: false, scratch);
        for (int k = 0; k < work.Length; k++)
        {
            work[k] *= filterSpectrum[k];
        }

        // The inverse divides by the padded size, which makes this the exact circular convolution.
        convolution.Transform(work, 1, inverse: true, scratch);
        for (int k = 0; k < length; k++)
        {
            line[k] = work[k] * chirp[k];
        }
    }

    /// <summary>Inverse DFT scaled by 1 / length, through the forward transform of the conjugate.</summary>
    public void Inverse(Span<Complex> line)
    {
        for (int j = 0; j < length; j++)
        {
            line[j] = Complex.Conjugate(line[j]);
        }

        Forward(line);
        double scale = 1.0 / length;
        for (int k = 0; k < length; k++)
        {
            line[k] = Complex.Conjugate(line[k]) * scale;
        }
    }
}
