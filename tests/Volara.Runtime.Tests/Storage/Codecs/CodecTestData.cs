namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Deterministic test inputs: incompressible noise, or structured data like label and image volumes.</summary>
public static class CodecTestData
{
    public const int Kilobytes100 = 100 * 1024 + 3;
    public const int Megabytes3 = 3 * 1024 * 1024 + 5;

    public static readonly int[] SmallSizes = [0, 1, 7, 127, 128, 1001, 8192 + 24];

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Slowly varying little-endian integers of <paramref name="typeSize"/> bytes with sparse noise.</summary>
    public static byte[] Compressible(int length, int typeSize, int seed)
    {
        var bytes = new byte[length];
        var random = new Random(seed);
        for (int i = 0; i + typeSize <= length; i += typeSize)
        {
            ulong value = (ulong)(i / typeSize / 37) + (random.Next(16) == 0 ? (ulong)random.Next(4) : 0);
            for (int b = 0; b < typeSize; b++)
            {
                bytes[i + b] = (byte)(value >> (8 * Math.Min(b, 7)));
            }
        }

        for (int i = length - length % typeSize; i < length; i++)
        {
            bytes[i] = (byte)i;
        }

        return bytes;
    }
}
