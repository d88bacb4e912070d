using Volara.Runtime.Registration;

namespace Volara.Samples.Registration;

/// <summary>The shift that would register each channel onto channel 0, measured by phase cross-correlation on a centred crop.</summary>
internal static class Residual
{
    public static double[][] Measure(float[] volume, int[] shape, int[] inner, int channels)
    {
        int voxels = shape[0] * shape[1] * shape[2];
        var reference = Crop(volume.AsSpan(0, voxels), shape, inner);
        var result = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            result[c] = new double[3];
            PhaseCrossCorrelation.Estimate(reference, Crop(volume.AsSpan(c * voxels, voxels), shape, inner), inner, 3, result[c]);
        }

        return result;
    }

    private static float[] Crop(ReadOnlySpan<float> channel, int[] shape, int[] inner)
    {
        var result = new float[inner[0] * inner[1] * inner[2]];
        int i = 0;
        for (int z = 0; z < inner[0]; z++)
        {
            for (int y = 0; y < inner[1]; y++)
            {
                int row = ((((z + ((shape[0] - inner[0]) / 2)) * shape[1]) + y + ((shape[1] - inner[1]) / 2)) * shape[2]) + ((shape[2] - inner[2]) / 2);
                channel.Slice(row, inner[2]).CopyTo(result.AsSpan(i));
                i += inner[2];
            }
        }

        return result;
    }
}
