using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Tests.Storage.Zarr;

public sealed class TransposerTests
{
    public static TheoryData<int[], int[], int> Cases() => new()
    {
        { [37, 20], [1, 0], 1 },
        { [3, 37, 20], [2, 1, 0], 2 },
        { [3, 37, 20], [1, 2, 0], 4 },
        { [5, 18, 33], [0, 2, 1], 8 },
        { [4, 3, 17, 19], [3, 0, 2, 1], 4 },
        { [4, 3, 17, 19], [1, 0, 2, 3], 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Permute_matches_an_element_by_element_reference(int[] shape, int[] order, int elementSize)
    {
        long[] longShape = Array.ConvertAll(shape, s => (long)s);
        int count = shape.Aggregate(1, (a, b) => a * b);
        var source = new byte[count * elementSize];
        new Random(shape.Sum() + order[0]).NextBytes(source);
        var actual = new byte[source.Length];
        Transposer.Permute(source, longShape, order, actual, elementSize);
        Assert.Equal(Reference(source, shape, order, elementSize), actual);

        var back = new byte[source.Length];
        long[] permutedShape = [.. order.Select(a => (long)shape[a])];
        Transposer.Permute(actual, permutedShape, Transposer.Inverse(order), back, elementSize);
        Assert.Equal(source, back);
    }

    private static byte[] Reference(byte[] source, int[] shape, int[] order, int elementSize)
    {
        int n = shape.Length;
        var targetShape = order.Select(a => shape[a]).ToArray();
        var result = new byte[source.Length];
        var index = new int[n];
        var sourceIndex = new int[n];
        for (int t = 0; t < source.Length / elementSize; t++)
        {
            int rest = t;
            for (int d = n - 1; d >= 0; d--)
            {
                index[d] = rest % targetShape[d];
                rest /= targetShape[d];
            }

            for (int d = 0; d < n; d++)
            {
                sourceIndex[order[d]] = index[d];
            }

            int s = 0;
            for (int d = 0; d < n; d++)
            {
                s = (s * shape[d]) + sourceIndex[d];
            }

            Array.Copy(source, s * elementSize, result, t * elementSize, elementSize);
        }

        return result;
    }
}
