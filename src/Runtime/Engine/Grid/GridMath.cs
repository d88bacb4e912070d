namespace Volara.Runtime.Engine.Grid;

/// <summary>Integer helpers for grid cells: flooring/ceiling division and C-order stepping through a box of cells.</summary>
internal static class GridMath
{
    public static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    public static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    /// <summary>
    /// Advances <paramref name="cell"/> to the next cell of the box [lo, hi) in C order (last dim fastest);
    /// false once the box is exhausted.
    /// </summary>
    public static bool Next(Span<long> cell, ReadOnlySpan<long> lo, ReadOnlySpan<long> hi)
    {
        for (int d = cell.Length - 1; d >= 0; d--)
        {
            if (++cell[d] < hi[d])
            {
                return true;
            }

            cell[d] = lo[d];
        }

        return false;
    }

    /// <summary>True when [aBegin, aEnd) and [bBegin, bEnd) share a point in every dim.</summary>
    public static bool Overlaps(ReadOnlySpan<long> aBegin, ReadOnlySpan<long> aEnd, ReadOnlySpan<long> bBegin, ReadOnlySpan<long> bEnd)
    {
        for (int d = 0; d < aBegin.Length; d++)
        {
            if (aBegin[d] >= bEnd[d] || bBegin[d] >= aEnd[d] || aBegin[d] >= aEnd[d] || bBegin[d] >= bEnd[d])
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsEmptyBox(ReadOnlySpan<long> lo, ReadOnlySpan<long> hi)
    {
        for (int d = 0; d < lo.Length; d++)
        {
            if (lo[d] >= hi[d])
            {
                return true;
            }
        }

        return false;
    }
}
