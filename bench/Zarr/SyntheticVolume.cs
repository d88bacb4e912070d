using System.Runtime.InteropServices;

namespace Volara.Bench.Zarr;

/// <summary>
/// Deterministic, moderately compressible test volumes that look like real data: smooth intensity with a
/// little noise (raw EM/LM), piecewise-constant ids with wobbly borders (segmentations), and smooth floats
/// quantised to 1/256 (network outputs). Generated slice by slice in parallel.
/// </summary>
public static class SyntheticVolume
{
    public static void Intensity(Span<byte> destination, int depth, int height, int width)
    {
        float[] fz = Wave(depth, 0.07f, 0f, 40f), fy = Wave(height, 0.05f, 1f, 40f), fx = Wave(width, 0.045f, 2f, 30f);
        Slices(depth, height * width, (z, offset, span) =>
        {
            Span<byte> slice = span;
            for (int y = 0, i = 0; y < height; y++)
            {
                float row = 128f + fz[z] + fy[y];
                for (int x = 0; x < width; x++, i++)
                {
                    // Posterised to steps of 8 with sparse 2-bit noise: blosc-lz4 compresses it about 2x, like real raw data.
                    float smooth = MathF.Floor((row + fx[x]) / 8f) * 8f;
                    ulong hash = Mix((ulong)(offset + i));
                    float noise = (hash & 7) == 0 ? (hash >> 3) & 3 : 0;
                    slice[i] = (byte)Math.Clamp(smooth + noise, 0f, 255f);
                }
            }
        }, destination);
    }

    public static void Labels(Span<byte> destination, int depth, int height, int width)
    {
        const int cell = 8;
        float[] wobbleZ = Wave(width, 0.09f, 0.5f, 6f), wobbleY = Wave(depth, 0.08f, 1.5f, 6f), wobbleX = Wave(height, 0.07f, 2.5f, 6f);
        Slices(depth, height * width * sizeof(ulong), (z, _, span) =>
        {
            Span<ulong> slice = MemoryMarshal.Cast<byte, ulong>(span);
            for (int y = 0, i = 0; y < height; y++)
            {
                long cy = (long)((y + 8 + wobbleY[z]) / cell);
                long cxShift = (long)(8 + wobbleX[y]);
                for (int x = 0; x < width; x++, i++)
                {
                    long cz = (long)((z + 8 + wobbleZ[x]) / cell);
                    long cx = (x + cxShift) / cell;
                    slice[i] = Mix((ulong)((cz * 1_000_003 + cy) * 1_000_033 + cx)) % 5_000_000 + 1;
                }
            }
        }, destination);
    }

    public static void SmoothFloats(Span<byte> destination, int depth, int height, int width)
    {
        float[] fz = Wave(depth, 0.03f, 0f, 0.3f), fy = Wave(height, 0.021f, 1f, 0.3f), fx = Wave(width, 0.017f, 2f, 0.3f);
        Slices(depth, height * width * sizeof(float), (z, offset, span) =>
        {
            Span<float> slice = MemoryMarshal.Cast<byte, float>(span);
            for (int y = 0, i = 0; y < height; y++)
            {
                float row = 0.5f + fz[z] + fy[y];
                for (int x = 0; x < width; x++, i++)
                {
                    float value = row + fx[x] + Noise(offset / sizeof(float) + i, 3) / 256f;
                    slice[i] = MathF.Round(value * 256f) / 256f;
                }
            }
        }, destination);
    }

    private delegate void SliceFiller(int z, long byteOffset, Span<byte> slice);

    private static unsafe void Slices(int depth, int sliceBytes, SliceFiller fill, Span<byte> destination)
    {
        if ((long)depth * sliceBytes != destination.Length)
        {
            throw new ArgumentException($"buffer of {destination.Length} bytes does not hold {depth} slices of {sliceBytes} bytes");
        }

        fixed (byte* start = destination)
        {
            nint address = (nint)start;
            Parallel.For(0, depth, z => fill(z, (long)z * sliceBytes, new Span<byte>((byte*)address + (long)z * sliceBytes, sliceBytes)));
        }
    }

    private static float[] Wave(int length, float frequency, float phase, float amplitude)
    {
        var wave = new float[length];
        for (int i = 0; i < length; i++)
        {
            wave[i] = amplitude * MathF.Sin(i * frequency + phase);
        }

        return wave;
    }

    /// <summary>A few low random bits per element, from a hash of its position.</summary>
    private static float Noise(long index, int bits) => (float)(Mix((ulong)index) >> (64 - bits));

    private static ulong Mix(ulong value)
    {
        // splitmix64 finaliser: cheap and well spread.
        value ^= value >> 30;
        value *= 0xbf58476d1ce4e5b9UL;
        value ^= value >> 27;
        value *= 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }
}
