namespace Volara.Cli.Copy;

/// <summary>
/// Splits an array into copy regions made of whole destination write units (shards, else chunks), so no two
/// regions ever write the same destination chunk. Where it stays small, a region also spans whole source
/// chunks, so no source chunk is decoded twice.
/// </summary>
public sealed class RegionGrid
{
    /// <summary>Regions stop growing to match the source grid beyond this many bytes.</summary>
    public const long DefaultMaxRegionBytes = 64L << 20;

    private readonly long[] shape;
    private readonly int[] destinationChunk;
    private readonly long[] regionShape;
    private readonly long[] regionsPerAxis;

    public RegionGrid(IReadOnlyList<long> shape, int[] writeUnit, int[] destinationChunk, int[] readUnit, int elementSize, long maxRegionBytes = DefaultMaxRegionBytes)
    {
        int rank = shape.Count;
        if (writeUnit.Length != rank || destinationChunk.Length != rank || readUnit.Length != rank)
        {
            throw new ArgumentException($"region grid: shape has {rank} dimensions but write unit, chunk and read unit have {writeUnit.Length}, {destinationChunk.Length}, {readUnit.Length}");
        }

        this.shape = [.. shape];
        this.destinationChunk = destinationChunk;
        regionShape = Aligned(this.shape, writeUnit, readUnit, elementSize, maxRegionBytes);
        long regionBytes = elementSize;
        regionsPerAxis = new long[rank];
        long count = 1;
        long chunks = 1;
        for (int d = 0; d < rank; d++)
        {
            regionBytes *= regionShape[d];
            regionsPerAxis[d] = CeilDiv(this.shape[d], regionShape[d]);
            count *= regionsPerAxis[d];
            chunks *= CeilDiv(this.shape[d], destinationChunk[d]);
        }

        if (regionBytes > Array.MaxLength)
        {
            throw new UsageException($"one destination write unit ({string.Join(',', writeUnit)}) holds {regionBytes} bytes, more than one buffer can hold; choose smaller --chunks/--shards");
        }

        Count = count;
        TotalChunks = chunks;
    }

    /// <summary>How many regions there are.</summary>
    public long Count { get; }

    /// <summary>How many destination chunks all regions together cover.</summary>
    public long TotalChunks { get; }

    public IReadOnlyList<long> RegionShape => regionShape;

    /// <summary>The region with the given index (C order over the region grid).</summary>
    public CopyRegion this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int rank = shape.Length;
            var start = new long[rank];
            var extent = new long[rank];
            long chunks = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                long position = index % regionsPerAxis[d];
                index /= regionsPerAxis[d];
                start[d] = position * regionShape[d];
                extent[d] = Math.Min(regionShape[d], shape[d] - start[d]);
                chunks *= CeilDiv(extent[d], destinationChunk[d]);
            }

            return new CopyRegion(start, extent, chunks);
        }
    }

    private static long[] Aligned(long[] shape, int[] writeUnit, int[] readUnit, int elementSize, long maxBytes)
    {
        var aligned = new long[shape.Length];
        var plain = new long[shape.Length];
        long alignedBytes = elementSize;
        for (int d = 0; d < shape.Length; d++)
        {
            // Never beyond the array: a region as long as the whole axis (rounded up to the write unit) is enough.
            long axisCap = CeilDiv(Math.Max(shape[d], 1), writeUnit[d]) * writeUnit[d];
            plain[d] = Math.Min(writeUnit[d], axisCap);
            aligned[d] = Math.Min(LeastCommonMultiple(writeUnit[d], readUnit[d]), axisCap);
            alignedBytes = SaturatingMultiply(alignedBytes, aligned[d]);
        }

        return alignedBytes <= maxBytes ? aligned : plain;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private static long LeastCommonMultiple(long a, long b)
    {
        long x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return SaturatingMultiply(a / x, b);
    }

    private static long SaturatingMultiply(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
