namespace Volara.Runtime.Tasks;

/// <summary>
/// Channel-wise argmax of a channel-first block (first maximum wins on ties), optionally over combined classes:
/// class i is the sum of the channels in group i, summed in the input's precision as numpy does.
/// </summary>
public static class ArgMaxKernel
{
    /// <param name="probabilities">Channel-first values, <paramref name="channels"/> planes of <paramref name="voxels"/> each.</param>
    /// <param name="singlePrecision">The input is float32: sums are rounded to float32 after every addition.</param>
    public static void Apply(ReadOnlySpan<double> probabilities, int channels, int voxels, IReadOnlyList<IReadOnlyList<int>>? combineClasses, bool singlePrecision, Span<byte> labels)
    {
        if (combineClasses is null)
        {
            for (int v = 0; v < voxels; v++)
            {
                int best = 0;
                double bestValue = probabilities[v];
                for (int c = 1; c < channels; c++)
                {
                    double value = probabilities[c * voxels + v];
                    if (value > bestValue || (double.IsNaN(value) && !double.IsNaN(bestValue)))
                    {
                        best = c;
                        bestValue = value;
                    }
                }

                labels[v] = checked((byte)best);
            }

            return;
        }

        for (int v = 0; v < voxels; v++)
        {
            int best = 0;
            double bestValue = double.NegativeInfinity;
            for (int g = 0; g < combineClasses.Count; g++)
            {
                double sum = 0;
                foreach (var channel in combineClasses[g])
                {
                    sum += probabilities[channel * voxels + v];
                    if (singlePrecision)
                    {
                        sum = (float)sum;
                    }
                }

                if (g == 0 || sum > bestValue || (double.IsNaN(sum) && !double.IsNaN(bestValue)))
                {
                    best = g;
                    bestValue = sum;
                }
            }

            labels[v] = checked((byte)best);
        }
    }
}
