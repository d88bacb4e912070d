using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Tests.Storage.Zarr;

public sealed class BoxCopyTests
{
    public static TheoryData<long[], long[], long[], long[], long[]> Cases() => new()
    {
        // source shape, source start, target shape, target start, box
        { [4, 5, 6], [1, 0, 0], [3, 5, 6], [0, 0, 0], [2, 5, 6] },   // trailing axes whole in both: one row
        { [4, 5, 6], [0, 1, 0], [2, 7, 6], [1, 2, 0], [1, 3, 6] },   // last axis whole, middle partial
        { [4, 5, 6], [2, 1, 3], [5, 5, 5], [1, 0, 1], [2, 4, 3] },   // nothing whole
        { [4, 5, 6], [0, 0, 0], [4, 5, 6], [0, 0, 0], [4, 5, 6] },   // identical arrays
        { [6], [2], [9], [5], [4] },

        // Rows of whole vectors (32, 64 and 256 bytes of 2-byte elements) are copied inline; 288 bytes is a plain copy.
        { [2, 3, 16], [0, 0, 0], [3, 5, 20], [1, 1, 2], [2, 3, 16] },
        { [3, 4, 40], [1, 0, 4], [2, 6, 48], [0, 1, 8], [2, 3, 32] },
        { [2, 2, 130], [0, 0, 1], [2, 3, 128], [0, 1, 0], [2, 1, 128] },
        { [2, 2, 150], [0, 0, 3], [2, 3, 144], [0, 0, 0], [2, 2, 144] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Copy_and_fill_match_an_element_by_element_reference(long[] sourceShape, long[] sourceStart, long[] targetShape, long[] targetStart, long[] box)
    {
        const int size = 2;
        var source = new byte[TestElements.Count(sourceShape) * size];
        new Random(7).NextBytes(source);
        var target = new byte[TestElements.Count(targetShape) * size];
        new Random(8).NextBytes(target);
        var expected = (byte[])target.Clone();
        var filled = (byte[])target.Clone();
        var expectedFill = (byte[])target.Clone();
        byte[] element = [0xAB, 0xCD];
        int n = box.Length;
        var index = new long[n];
        for (long i = 0; i < TestElements.Count(box); i++)
        {
            long rest = i;
            for (int d = n - 1; d >= 0; d--)
            {
                index[d] = rest % box[d];
                rest /= box[d];
            }

            long s = 0, t = 0;
            for (int d = 0; d < n; d++)
            {
                s = (s * sourceShape[d]) + sourceStart[d] + index[d];
                t = (t * targetShape[d]) + targetStart[d] + index[d];
            }

            Array.Copy(source, s * size, expected, t * size, size);
            element.CopyTo(expectedFill, t * size);
        }

        BoxCopy.Copy(source, sourceShape, sourceStart, target, targetShape, targetStart, box, size);
        Assert.Equal(expected, target);
        BoxCopy.Fill(filled, targetShape, targetStart, box, element);
        Assert.Equal(expectedFill, filled);
    }
}
