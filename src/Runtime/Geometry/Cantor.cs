namespace Volara.Runtime.Geometry;

/// <summary>
/// The generalised Cantor pairing of funlib.math, used for block ids: tuples of non-negative integers are
/// numbered by increasing element sum, and within one sum by the recursive rule
/// <c>cantor(c) = pyramid_volume(n, sum(c)) + cantor(c[..^1])</c>.
/// </summary>
/// <remarks>
/// Python computes the pyramid volume in floating point and is only exact below 2^53; this uses exact
/// 128-bit integer arithmetic and throws <see cref="OverflowException"/> when an id does not fit in 64 bits.
/// For every id Python computes exactly, the results are equal.
/// </remarks>
public static class Cantor
{
    /// <summary>The id of <paramref name="coordinates"/> (all elements ≥ 0; 1-D is the identity); throws when it exceeds 64 bits.</summary>
    public static ulong CantorNumber(ReadOnlySpan<long> coordinates) => checked((ulong)CantorNumberWide(coordinates));

    /// <summary>The id as a 128-bit number, for coordinates whose id exceeds 64 bits (e.g. 3-D elements near 10^9).</summary>
    public static UInt128 CantorNumberWide(ReadOnlySpan<long> coordinates)
    {
        if (coordinates.IsEmpty)
        {
            throw new ArgumentException("cantor number of a 0-D coordinate is undefined", nameof(coordinates));
        }

        UInt128 id = 0;
        UInt128 sum = 0;
        for (var i = 0; i < coordinates.Length; i++)
        {
            if (coordinates[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(coordinates), $"cantor number needs non-negative elements, element {i} is {coordinates[i]}");
            }

            sum += (ulong)coordinates[i];
            id = i == 0 ? sum : checked(id + PyramidVolume(i + 1, sum));
        }

        return id;
    }

    /// <summary>The id of a bounded, non-negative coordinate.</summary>
    public static ulong CantorNumber(Coordinate coordinate) => checked((ulong)CantorNumberWide(coordinate));

    /// <summary>The 128-bit id of a bounded, non-negative coordinate.</summary>
    public static UInt128 CantorNumberWide(Coordinate coordinate)
    {
        Span<long> values = stackalloc long[Coordinate.MaxDims];
        coordinate.CopyTo(values);
        return CantorNumberWide(values[..coordinate.Dims]);
    }

    /// <summary>The <paramref name="dims"/>-D tuple whose id is <paramref name="id"/>.</summary>
    public static Coordinate InverseCantorNumber(UInt128 id, int dims)
    {
        if (dims is < 1 or > Coordinate.MaxDims)
        {
            throw new ArgumentOutOfRangeException(nameof(dims), $"dims must be 1..{Coordinate.MaxDims}, got {dims}");
        }

        Span<long> result = stackalloc long[dims];
        UInt128 remaining = id;
        for (var n = dims; n > 1; n--)
        {
            var total = LargestSumBelow(n, remaining);
            remaining -= PyramidVolume(n, total);
            // Store the element sum of the first n elements; the elements follow from differences below.
            result[n - 1] = checked((long)total);
        }

        result[0] = checked((long)remaining);
        // result[k] holds the sum of the first k+1 elements; going downward, result[k-1] is still a sum.
        for (var k = dims - 1; k > 0; k--)
        {
            result[k] -= result[k - 1];
        }

        return new Coordinate(result);
    }

    /// <summary>The number of n-tuples of non-negative integers with element sum below <paramref name="sum"/>.</summary>
    internal static UInt128 PyramidVolume(int n, UInt128 sum)
    {
        if (sum == 0)
        {
            return 0;
        }

        // s(s+1)...(s+n-1)/n!: each partial product of k consecutive integers is divisible by k!, so dividing
        // step by step stays exact.
        UInt128 volume = 1;
        for (var d = 0; d < n; d++)
        {
            volume = checked(volume * (sum + (UInt128)d)) / (UInt128)(d + 1);
        }

        return volume;
    }

    /// <summary>The largest s with pyramid_volume(n, s) ≤ id.</summary>
    private static UInt128 LargestSumBelow(int n, UInt128 id)
    {
        UInt128 low = 0;
        UInt128 high = id + 1; // pyramid_volume(n, s) >= s for n >= 1
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (VolumeAtMost(n, middle, id))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private static bool VolumeAtMost(int n, UInt128 sum, UInt128 limit)
    {
        try
        {
            return PyramidVolume(n, sum) <= limit;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
