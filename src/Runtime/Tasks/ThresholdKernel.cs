namespace Volara.Runtime.Tasks;

/// <summary>
/// <c>mask = data &gt; limit</c> (strict) as 0/1 bytes over values widened to float64. Widening is exact for every
/// stored type up to float32 and matches numpy's comparison once the caller rounds the limit like numpy does.
/// </summary>
public static class ThresholdKernel
{
    public static void Apply(ReadOnlySpan<double> data, double limit, Span<byte> mask)
    {
        for (int i = 0; i < data.Length; i++)
        {
            mask[i] = data[i] > limit ? (byte)1 : (byte)0;
        }
    }
}
