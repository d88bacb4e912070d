namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// The region of a read or write and the grid cells (chunks or shards) it touches. Work on the cells runs
/// in parallel; the caller's buffer is reached through a pinned pointer because spans cannot be captured.
/// </summary>
internal sealed class ChunkSpan
{
    public ChunkSpan(long[] regionStart, long[] regionShape, long[] arrayShape, int[] cellShape)
    {
        RegionStart = regionStart;
        RegionShape = regionShape;
        int n = arrayShape.Length;
        FirstCell = new long[n];
        CellCounts = new long[n];
        CellShape = Array.ConvertAll(cellShape, c => (long)c);
        ArrayShape = arrayShape;
        long count = 1;
        for (int d = 0; d < n; d++)
        {
            long lo = Math.Max(regionStart[d], 0);
            long hi = Math.Min(regionStart[d] + regionShape[d], arrayShape[d]);
            if (hi <= lo)
            {
                count = 0;
                break;
            }

            FirstCell[d] = lo / cellShape[d];
            CellCounts[d] = ((hi - 1) / cellShape[d]) - FirstCell[d] + 1;
            count *= CellCounts[d];
        }

        CellCount = count;
    }

    public long[] RegionStart { get; }

    public long[] RegionShape { get; }

    public long[] ArrayShape { get; }

    public long[] CellShape { get; }

    public long[] FirstCell { get; }

    public long[] CellCounts { get; }

    public long CellCount { get; }

    /// <summary>True when the region lies entirely inside the array.</summary>
    public bool InsideArray
    {
        get
        {
            for (int d = 0; d < ArrayShape.Length; d++)
            {
                if (RegionStart[d] < 0 || RegionStart[d] + RegionShape[d] > ArrayShape[d])
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The grid index of the i-th touched cell (C order).</summary>
    public long[] Cell(long i)
    {
        var cell = new long[FirstCell.Length];
        for (int d = cell.Length - 1; d >= 0; d--)
        {
            cell[d] = FirstCell[d] + (i % CellCounts[d]);
            i /= CellCounts[d];
        }

        return cell;
    }

    /// <summary>
    /// Intersects region, array and the box at <paramref name="origin"/> of <paramref name="size"/>;
    /// false when empty. <paramref name="low"/> and <paramref name="extent"/> receive the intersection.
    /// </summary>
    public bool Intersect(ReadOnlySpan<long> origin, ReadOnlySpan<long> size, Span<long> low, Span<long> extent)
    {
        for (int d = 0; d < origin.Length; d++)
        {
            long lo = Math.Max(Math.Max(origin[d], RegionStart[d]), 0);
            long hi = Math.Min(Math.Min(origin[d] + size[d], RegionStart[d] + RegionShape[d]), ArrayShape[d]);
            if (hi <= lo)
            {
                return false;
            }

            low[d] = lo;
            extent[d] = hi - lo;
        }

        return true;
    }

    /// <summary>True when the region starts at <paramref name="origin"/> and has exactly <paramref name="size"/>.</summary>
    public bool RegionEquals(ReadOnlySpan<long> origin, ReadOnlySpan<long> size) =>
        origin.SequenceEqual(RegionStart) && size.SequenceEqual(RegionShape);

    public static unsafe Span<byte> At(nint pointer, int length) => new((void*)pointer, length);
}
