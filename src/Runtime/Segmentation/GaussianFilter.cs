namespace Volara.Runtime.Segmentation;

/// <summary>
/// Separable gaussian smoothing matching scipy.ndimage.gaussian_filter (order 0, mode 'reflect', i.e.
/// d c b a | a b c d | d c b a, kernel radius <c>(int)(truncate·σ + 0.5)</c>, axes with σ = 0 untouched).
/// </summary>
public static class GaussianFilter
{
    /// <summary>scipy's default truncation, in standard deviations.</summary>
    public const double DefaultTruncate = 4.0;

    /// <summary>Smooths one volume of <c>prod(shape)</c> voxels (C order) with one σ per axis (in voxels).</summary>
    /// <remarks><paramref name="output"/> may be the same memory as <paramref name="input"/>.</remarks>
    public static void Apply(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<double> sigma, Span<float> output, double truncate = DefaultTruncate)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Smooths each channel of channel-first data separately (the channel axis is not smoothed: volara's
    /// <c>gaussian_filter(affs, sigma=(0, *sigma))</c>).
    /// </summary>
    public static void ApplyPerChannel(ReadOnlySpan<float> input, int channels, ReadOnlySpan<int> shape, ReadOnlySpan<double> sigma, Span<float> output, double truncate = DefaultTruncate)
    {
        throw new NotImplementedException();
    }
}
