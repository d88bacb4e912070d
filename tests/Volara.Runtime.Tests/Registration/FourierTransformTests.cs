using System.Numerics;
using Volara.Runtime.Registration;
using Xunit;

namespace Volara.Runtime.Tests.Registration;

/// <summary>The transforms against the textbook DFT, at every length up to 64 (powers of two, mixed radix, primes).</summary>
public class FourierTransformTests
{
    private static Complex[] Naive(Complex[] x, int sign)
    {
        int n = x.Length;
        var y = new Complex[n];
        for (int k = 0; k < n; k++)
        {
            for (int j = 0; j < n; j++)
            {
                y[k] += x[j] * Complex.FromPolarCoordinates(1, sign * 2 * Math.PI * ((long)j * k % n) / n);
            }
        }

        return y;
    }

    private static Complex[] Random(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5))];
    }

    public static TheoryData<int> Lengths => [.. Enumerable.Range(1, 64)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ForwardAndInverseEqualTheTextbookDft(int n)
    {
        var x = Random(n, n);
        var forward = (Complex[])x.Clone();
        FourierTransform.Forward(forward, [n]);
        var expected = Naive(x, -1);
        for (int k = 0; k < n; k++)
        {
            Assert.True((forward[k] - expected[k]).Magnitude < 1e-9 * n, $"length {n}, frequency {k}: {forward[k]} vs {expected[k]}");
        }

        FourierTransform.Inverse(forward, [n]);
        for (int k = 0; k < n; k++)
        {
            Assert.True((forward[k] - x[k]).Magnitude < 1e-12 * n, $"length {n}, sample {k} after the round trip");
        }
    }

    [Fact]
    public void AVolumeIsTransformedAlongEveryAxis()
    {
        int[] shape = [6, 10, 48];
        var x = Random(shape[0] * shape[1] * shape[2], 1);
        var transformed = (Complex[])x.Clone();
        FourierTransform.Forward(transformed, shape);

        // One frequency by the definition: the sum over every voxel of x · e^(−2πi (kz·z/6 + ky·y/10 + kx·x/48)).
        (int kz, int ky, int kx) = (5, 3, 17);
        Complex expected = 0;
        for (int z = 0, i = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int xx = 0; xx < shape[2]; xx++, i++)
                {
                    double turns = ((double)kz * z / shape[0]) + ((double)ky * y / shape[1]) + ((double)kx * xx / shape[2]);
                    expected += x[i] * Complex.FromPolarCoordinates(1, -2 * Math.PI * turns);
                }
            }
        }

        Assert.True((transformed[(((kz * shape[1]) + ky) * shape[2]) + kx] - expected).Magnitude < 1e-8);
    }

    [Theory]
    [InlineData(new[] { 6, 11, 12 })]
    [InlineData(new[] { 8, 5, 13, 2 })]
    [InlineData(new[] { 48, 3, 7 })]
    public void EveryFrequencyOfAVolumeMatchesTheDftAlongEachAxis(int[] shape)
    {
        // Mixed-radix axes (transformed in batches of interleaved lines) beside prime ones (line by line).
        int size = shape.Aggregate(1, (a, b) => a * b);
        var x = Random(size, size);
        var expected = (Complex[])x.Clone();
        int inner = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            int length = shape[axis];
            for (int outer = 0; outer < size; outer += length * inner)
            {
                for (int offset = 0; offset < inner; offset++)
                {
                    var line = new Complex[length];
                    for (int k = 0; k < length; k++)
                    {
                        line[k] = expected[outer + offset + (k * inner)];
                    }

                    var transformed = Naive(line, -1);
                    for (int k = 0; k < length; k++)
                    {
                        expected[outer + offset + (k * inner)] = transformed[k];
                    }
                }
            }

            inner *= length;
        }

        var actual = (Complex[])x.Clone();
        FourierTransform.Forward(actual, shape);
        for (int i = 0; i < size; i++)
        {
            Assert.True((actual[i] - expected[i]).Magnitude < 1e-9 * size, $"shape [{string.Join(", ", shape)}], element {i}: {actual[i]} vs {expected[i]}");
        }

        FourierTransform.Inverse(actual, shape);
        for (int i = 0; i < size; i++)
        {
            Assert.True((actual[i] - x[i]).Magnitude < 1e-12 * size, $"shape [{string.Join(", ", shape)}], element {i} after the round trip");
        }
    }
}
