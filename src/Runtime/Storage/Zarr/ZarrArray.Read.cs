using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

public sealed partial class ZarrArray
{
    /// <summary>
    /// Reads a region into <paramref name="destination"/> (C order, machine endian). The region may reach
    /// beyond the array; those voxels, and voxels of chunks not on disk, get the fill value.
    /// </summary>
    public void Read(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> destination)
    {
        var span = Plan(start, shape, destination.Length);
        if (destination.Length == 0)
        {
            return;
        }

        if (!span.InsideArray)
        {
            ElementPattern.Fill(destination, _metadata.FillBytes);
        }

        if (_metadata.Sharding is not null)
        {
            ForEachCell(span, destination, writing: false, (cell, address, length) => ReadShard(span, cell, address, length));
        }
        else if (span.CellCount > 0)
        {
            int perRun = ChunksPerRun(span);
            ForEach(RunCount(span, perRun), destination, writing: false, (run, address, length) =>
                ReadRun(span, run, perRun, ChunkSpan.At(address, length)));
        }
    }

    /// <summary>
    /// Runs <paramref name="perCell"/> for every chunk (or shard) the region touches, in parallel, with the region
    /// buffer pinned: the cells write disjoint parts of it, so they share its address instead of a span.
    /// </summary>
    private static void ForEachCell(ChunkSpan span, ReadOnlySpan<byte> region, bool writing, Action<long[], nint, int> perCell) =>
        ForEach(span.CellCount, region, writing, (i, address, length) => perCell(span.Cell(i), address, length));

    /// <summary>Runs <paramref name="perPart"/> for parts 0 to <paramref name="count"/> − 1 of the work, in parallel, with the region buffer pinned.</summary>
    private static unsafe void ForEach(long count, ReadOnlySpan<byte> region, bool writing, Action<long, nint, int> perPart)
    {
        fixed (byte* pointer = region)
        {
            nint address = (nint)pointer;
            int length = region.Length;
            Action<long> each = i => perPart(i, address, length);
            if (writing)
            {
                Parallelism.ForWrites(count, each);
            }
            else
            {
                Parallelism.For(count, parallel: true, each);
            }
        }
    }

    private ChunkSpan Plan(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, int byteLength)
    {
        int n = _metadata.Shape.Length;
        if (start.Length != n || shape.Length != n)
        {
            throw new ArgumentException($"zarr '{Path}': region has {start.Length}-d start and {shape.Length}-d shape, the array is {n}-d");
        }

        long elements = 1;
        for (int d = 0; d < n; d++)
        {
            if (shape[d] < 0)
            {
                throw new ArgumentException($"zarr '{Path}': region shape [{string.Join(", ", shape.ToArray())}] has a negative extent");
            }

            elements *= shape[d];
        }

        if (elements * DataType.Size != byteLength)
        {
            throw new ArgumentException(
                $"zarr '{Path}': region [{string.Join(", ", shape.ToArray())}] of {DataType} needs {elements * DataType.Size} bytes, the buffer has {byteLength}");
        }

        return new ChunkSpan(start.ToArray(), shape.ToArray(), _metadata.Shape, _metadata.StoredShape);
    }

    /// <summary>
    /// The chunk from the decoded-chunk cache, or read and decoded into it when only part of it is wanted (a block's
    /// context, which the next blocks want again); false when the cache is not used for it: off, not Linux, a chunk not
    /// stored, or a whole chunk it does not hold, which is decoded straight into the region. <paramref name="chunk"/> is
    /// null when the chunk vanished while being read.
    /// </summary>
    private bool ReadKeptChunk(string file, string key, bool whole, out byte[]? chunk)
    {
        chunk = null;
        int bytes = _metadata.Pipeline.ChunkBytes;
        if (!DecodedChunkCache.Keeps(bytes) || ChunkFileIdentity.Of(file) is not { } identity)
        {
            return false;
        }

        chunk = DecodedChunkCache.TryGet(file, identity);
        if (chunk is not null || whole)
        {
            return chunk is not null;
        }

        if (!ChunkFiles.TryRead(file, out var stored))
        {
            return true;
        }

        using (stored)
        {
            chunk = DecodedChunkCache.NewChunk(bytes);
            DecodeChunk(stored.Span, chunk, key);
        }

        DecodedChunkCache.Add(file, identity, chunk);
        return true;
    }

    private void ReadShard(ChunkSpan span, long[] cell, nint address, int length)
    {
        var layout = _metadata.Sharding!;
        int n = cell.Length;
        var shardOrigin = new long[n];
        Span<long> low = stackalloc long[n];
        Span<long> extent = stackalloc long[n];
        for (int d = 0; d < n; d++)
        {
            shardOrigin[d] = cell[d] * span.CellShape[d];
        }

        if (!span.Intersect(shardOrigin, span.CellShape, low, extent))
        {
            return;
        }

        string key = _metadata.KeyEncoding.Key(cell);
        Microsoft.Win32.SafeHandles.SafeFileHandle? handle = null;
        try
        {
            handle = File.OpenHandle(ChunkFile(key), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
        }

        if (handle is null)
        {
            Span<long> targetStart = stackalloc long[n];
            for (int d = 0; d < n; d++)
            {
                targetStart[d] = low[d] - span.RegionStart[d];
            }

            BoxCopy.Fill(ChunkSpan.At(address, length), span.RegionShape, targetStart, extent, _metadata.FillBytes);
            return;
        }

        using (handle)
        {
            var entries = ReadShardIndex(handle, RandomAccess.GetLength(handle), key);
            // The inner chunks touched by the region, as a box in the shard's inner-chunk grid.
            var first = new long[n];
            var counts = new long[n];
            long total = 1;
            for (int d = 0; d < n; d++)
            {
                first[d] = (low[d] - shardOrigin[d]) / layout.InnerShape[d];
                counts[d] = ((low[d] + extent[d] - 1 - shardOrigin[d]) / layout.InnerShape[d]) - first[d] + 1;
                total *= counts[d];
            }

            Parallelism.For(total, Parallelism.SpreadInsideShards(span.CellCount), i =>
                ReadInner(span, shardOrigin, first, counts, i, handle, entries, key, ChunkSpan.At(address, length)));
        }
    }

    private void ReadInner(
        ChunkSpan span, long[] shardOrigin, long[] first, long[] counts, long i,
        Microsoft.Win32.SafeHandles.SafeFileHandle handle, (ulong Offset, ulong Length)[] entries, string key, Span<byte> destination)
    {
        var layout = _metadata.Sharding!;
        int n = shardOrigin.Length;
        Span<long> inner = stackalloc long[n];
        Span<long> innerOrigin = stackalloc long[n];
        Span<long> innerShape = stackalloc long[n];
        Span<long> innerLow = stackalloc long[n];
        Span<long> innerExtent = stackalloc long[n];
        Span<long> sourceStart = stackalloc long[n];
        Span<long> targetStart = stackalloc long[n];
        long rest = i;
        for (int d = n - 1; d >= 0; d--)
        {
            inner[d] = first[d] + (rest % counts[d]);
            rest /= counts[d];
        }

        long linear = 0;
        for (int d = 0; d < n; d++)
        {
            innerShape[d] = layout.InnerShape[d];
            linear = (linear * layout.InnerCounts[d]) + inner[d];
            innerOrigin[d] = shardOrigin[d] + (inner[d] * innerShape[d]);
        }

        if (!span.Intersect(innerOrigin, innerShape, innerLow, innerExtent))
        {
            return;
        }

        for (int d = 0; d < n; d++)
        {
            sourceStart[d] = innerLow[d] - innerOrigin[d];
            targetStart[d] = innerLow[d] - span.RegionStart[d];
        }

        var (offset, size) = entries[linear];
        if (offset == ShardLayout.Empty && size == ShardLayout.Empty)
        {
            BoxCopy.Fill(destination, span.RegionShape, targetStart, innerExtent, _metadata.FillBytes);
            return;
        }

        using var stored = RentedBuffer.Rent(checked((int)size));
        ChunkFiles.ReadExactly(handle, stored.Span, (long)offset);
        string innerKey = InnerKey(key, inner);
        if (span.RegionEquals(innerOrigin, innerShape))
        {
            DecodeChunk(stored.Span, destination, innerKey);
            return;
        }

        if (DecodeRows(stored.Span, sourceStart, innerExtent, span.RegionShape, targetStart, destination, innerKey))
        {
            return;
        }

        using var chunk = RentedBuffer.Rent(_metadata.Pipeline.ChunkBytes);
        DecodeChunk(stored.Span, chunk.Span, innerKey);
        BoxCopy.Copy(chunk.Span, innerShape, sourceStart, destination, span.RegionShape, targetStart, innerExtent, DataType.Size);
    }

    /// <summary>Names an inner chunk in errors: the shard key followed by the inner index, e.g. <c>c/0/1[2,0]</c>.</summary>
    private static string InnerKey(string shardKey, ReadOnlySpan<long> inner) => $"{shardKey}[{string.Join(",", inner.ToArray())}]";

    private (ulong Offset, ulong Length)[] ReadShardIndex(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, string key)
    {
        var layout = _metadata.Sharding!;
        if (length < layout.IndexBytes)
        {
            throw new ChunkCorruptException($"shard has {length} bytes, less than its {layout.IndexBytes}-byte index", Path, key);
        }

        var index = new byte[layout.IndexBytes];
        ChunkFiles.ReadExactly(handle, index, layout.IndexAtStart ? 0 : length - layout.IndexBytes);
        try
        {
            return layout.ParseIndex(index, length);
        }
        catch (CodecException e)
        {
            throw new ChunkCorruptException(e.Message, Path, key, e);
        }
    }

    private void DecodeChunk(ReadOnlySpan<byte> stored, Span<byte> chunk, string key)
    {
        try
        {
            _metadata.Pipeline.Decode(stored, chunk);
        }
        catch (Exception e) when (e is not (ZarrException or OutOfMemoryException))
        {
            throw new ChunkCorruptException($"cannot decode: {e.Message}", Path, key, e);
        }
    }

    /// <summary>
    /// Decodes the box at <paramref name="boxStart"/> of the chunk straight into the region at <paramref name="regionStart"/>,
    /// if its codecs and frame allow it (<see cref="ChunkPipeline.TryDecodeRows"/>).
    /// </summary>
    private bool DecodeRows(
        ReadOnlySpan<byte> stored, ReadOnlySpan<long> boxStart, ReadOnlySpan<long> box,
        ReadOnlySpan<long> regionShape, ReadOnlySpan<long> regionStart, Span<byte> region, string key)
    {
        try
        {
            return _metadata.Pipeline.TryDecodeRows(stored, boxStart, box, regionShape, regionStart, region);
        }
        catch (Exception e) when (e is not (ZarrException or OutOfMemoryException))
        {
            throw new ChunkCorruptException($"cannot decode: {e.Message}", Path, key, e);
        }
    }
}
