namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// The rows of a box inside a C-order chunk and where each one goes in a C-order region, walked in the order they lie
/// in the chunk, so that a decoder producing the chunk front to back can put each row straight into its place.
/// </summary>
internal sealed class ChunkRows
{
    private readonly long[] _chunkStrides;
    private readonly long[] _regionStrides;
    private readonly long[] _box;
    private readonly long[] _position;
    private readonly long _firstInChunk;
    private readonly long _firstInRegion;
    private long _done;
    private long _inChunk;
    private long _inRegion;

    /// <param name="chunkShape">The chunk's shape in elements.</param>
    /// <param name="boxStart">The box's corner inside the chunk.</param>
    /// <param name="box">The box's extent.</param>
    /// <param name="regionShape">The region's shape in elements.</param>
    /// <param name="regionStart">The box's corner inside the region.</param>
    public ChunkRows(
        ReadOnlySpan<long> chunkShape, ReadOnlySpan<long> boxStart, ReadOnlySpan<long> box,
        ReadOnlySpan<long> regionShape, ReadOnlySpan<long> regionStart, int elementSize)
    {
        int n = box.Length;
        _chunkStrides = Strides(chunkShape, elementSize);
        _regionStrides = Strides(regionShape, elementSize);
        _box = box.ToArray();
        _position = new long[Math.Max(n - 1, 0)];
        ElementSize = elementSize;
        RowBytes = n == 0 ? elementSize : box[n - 1] * elementSize;
        RowCount = 1;
        for (int d = 0; d < n - 1; d++)
        {
            RowCount *= box[d];
        }

        ChunkBytes = n == 0 ? elementSize : chunkShape[0] * _chunkStrides[0];
        for (int d = 0; d < n; d++)
        {
            if (boxStart[d] < 0 || box[d] < 1 || boxStart[d] + box[d] > chunkShape[d] || regionStart[d] < 0 || regionStart[d] + box[d] > regionShape[d])
            {
                throw new ArgumentOutOfRangeException(nameof(box), "the box reaches beyond the chunk or the region");
            }

            _firstInChunk += boxStart[d] * _chunkStrides[d];
            _firstInRegion += regionStart[d] * _regionStrides[d];
        }

        Reset();
    }

    public int ElementSize { get; }

    /// <summary>Bytes of each row.</summary>
    public long RowBytes { get; }

    public long RowCount { get; }

    /// <summary>Bytes of the whole chunk.</summary>
    public long ChunkBytes { get; }

    /// <summary>Where the current row starts in the chunk and in the region, in bytes; false once every row was visited.</summary>
    public bool Current(out long chunkOffset, out long regionOffset)
    {
        chunkOffset = _inChunk;
        regionOffset = _inRegion;
        return _done < RowCount;
    }

    /// <summary>On to the next row, C order; its offsets follow from the current one's (a call per row of 64 elements).</summary>
    public void MoveNext()
    {
        _done++;
        for (int d = _position.Length - 1; d >= 0; d--)
        {
            if (++_position[d] < _box[d])
            {
                _inChunk += _chunkStrides[d];
                _inRegion += _regionStrides[d];
                return;
            }

            _position[d] = 0;
            _inChunk -= (_box[d] - 1) * _chunkStrides[d];
            _inRegion -= (_box[d] - 1) * _regionStrides[d];
        }
    }

    /// <summary>Back to the first row.</summary>
    public void Reset()
    {
        _done = 0;
        Array.Clear(_position);
        _inChunk = _firstInChunk;
        _inRegion = _firstInRegion;
    }

    private static long[] Strides(ReadOnlySpan<long> shape, int elementSize)
    {
        var strides = new long[shape.Length];
        long stride = elementSize;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        return strides;
    }
}
