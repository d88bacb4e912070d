using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

public sealed partial class ZarrArray
{
    /// <summary>
    /// Writes a region (C order, machine endian) that must lie inside the array. Chunks only partly
    /// covered are read, modified and rewritten under an in-process lock. A chunk (or shard) that ends up
    /// holding only the fill value is not stored, and an existing file for it is removed, except for v2
    /// arrays whose fill_value is null.
    /// </summary>
    public void Write(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, ReadOnlySpan<byte> source)
    {
        RequireWritable();
        var span = Plan(start, shape, source.Length);
        if (!span.InsideArray)
        {
            throw new RegionOutOfBoundsException(
                $"write region start [{string.Join(", ", span.RegionStart)}] shape [{string.Join(", ", span.RegionShape)}] is not inside the array shape [{string.Join(", ", _metadata.Shape)}]",
                Path);
        }

        if (source.Length == 0)
        {
            return;
        }

        ForEachCell(span, source, writing: true, (cell, address, length) =>
        {
            if (_metadata.Sharding is null)
            {
                WriteChunk(span, cell, ChunkSpan.At(address, length));
            }
            else
            {
                WriteShard(span, cell, address, length);
            }
        });
    }

    private void WriteChunk(ChunkSpan span, long[] cell, ReadOnlySpan<byte> source)
    {
        int n = cell.Length;
        Span<long> origin = stackalloc long[n];
        for (int d = 0; d < n; d++)
        {
            origin[d] = cell[d] * span.CellShape[d];
        }

        string key = _metadata.KeyEncoding.Key(cell);
        string file = ChunkFile(key);
        lock (ChunkFiles.LockFor(file))
        {
            if (span.RegionEquals(origin, span.CellShape))
            {
                StoreChunk(file, source);
                return;
            }

            // A chunk the region covers entirely (up to the array edge) is replaced, so the stored one need not be read.
            RentedBuffer? existing = !CoversChunk(span, origin) && ChunkFiles.TryRead(file, out var stored) ? stored : null;
            using var chunk = RentedBuffer.Rent(_metadata.Pipeline.ChunkBytes);
            MergeIntoChunk(span, origin, source, chunk.Span, existing, key);
            StoreChunk(file, chunk.Span);
        }
    }

    /// <summary>Whether the region covers every voxel of the chunk at <paramref name="origin"/> that lies inside the array.</summary>
    private bool CoversChunk(ChunkSpan span, ReadOnlySpan<long> origin)
    {
        int n = origin.Length;
        var chunkShape = Array.ConvertAll(_metadata.ChunkShape, s => (long)s);
        Span<long> low = stackalloc long[n];
        Span<long> extent = stackalloc long[n];
        Span<long> chunkLow = stackalloc long[n];
        Span<long> chunkExtent = stackalloc long[n];
        var whole = new ChunkSpan(origin.ToArray(), chunkShape, _metadata.Shape, _metadata.ChunkShape);
        whole.Intersect(origin, chunkShape, chunkLow, chunkExtent);
        return span.Intersect(origin, chunkShape, low, extent) && low.SequenceEqual(chunkLow) && extent.SequenceEqual(chunkExtent);
    }

    /// <summary>
    /// Fills <paramref name="chunk"/> with the chunk at <paramref name="origin"/> after the write: the
    /// decoded existing chunk (or fill) where the region does not cover it, the region data where it does.
    /// Disposes <paramref name="existing"/>.
    /// </summary>
    private void MergeIntoChunk(ChunkSpan span, ReadOnlySpan<long> origin, ReadOnlySpan<byte> source, Span<byte> chunk, RentedBuffer? existing, string key)
    {
        int n = origin.Length;
        var chunkShape = Array.ConvertAll(_metadata.ChunkShape, s => (long)s);
        Span<long> low = stackalloc long[n];
        Span<long> extent = stackalloc long[n];
        Span<long> chunkLow = stackalloc long[n];
        Span<long> chunkExtent = stackalloc long[n];
        Span<long> sourceStart = stackalloc long[n];
        Span<long> targetStart = stackalloc long[n];
        var whole = new ChunkSpan(origin.ToArray(), chunkShape, _metadata.Shape, _metadata.ChunkShape);
        whole.Intersect(origin, chunkShape, chunkLow, chunkExtent);
        bool touched = span.Intersect(origin, chunkShape, low, extent);
        bool coversAll = touched && low.SequenceEqual(chunkLow) && extent.SequenceEqual(chunkExtent);
        using (existing)
        {
            if (existing is { } stored && !coversAll)
            {
                DecodeChunk(stored.Span, chunk, key);
            }
            else if (!coversAll || !chunkExtent.SequenceEqual(chunkShape))
            {
                ElementPattern.Fill(chunk, _metadata.FillBytes);
            }
        }

        if (!touched)
        {
            return;
        }

        for (int d = 0; d < n; d++)
        {
            sourceStart[d] = low[d] - span.RegionStart[d];
            targetStart[d] = low[d] - origin[d];
        }

        BoxCopy.Copy(source, span.RegionShape, sourceStart, chunk, chunkShape, targetStart, extent, DataType.Size);
    }

    private bool IsEmpty(ReadOnlySpan<byte> chunk) => !_metadata.FillIsNull && ElementPattern.IsAll(chunk, _metadata.FillBytes);

    private void StoreChunk(string file, ReadOnlySpan<byte> chunk)
    {
        if (IsEmpty(chunk))
        {
            ChunkFiles.TryDelete(file);
            return;
        }

        using var encoded = _metadata.Pipeline.Encode(chunk);
        ChunkFiles.WriteAtomic(file, encoded.Span);
    }

    private void WriteShard(ChunkSpan span, long[] cell, nint address, int length)
    {
        var layout = _metadata.Sharding!;
        int n = cell.Length;
        var shardOrigin = new long[n];
        Span<long> low = stackalloc long[n];
        Span<long> extent = stackalloc long[n];
        Span<long> shardLow = stackalloc long[n];
        Span<long> shardExtent = stackalloc long[n];
        for (int d = 0; d < n; d++)
        {
            shardOrigin[d] = cell[d] * span.CellShape[d];
        }

        // The whole shard as a region: intersecting with it clips inner chunks to the array.
        var wholeShard = new ChunkSpan(shardOrigin, span.CellShape, _metadata.Shape, layout.ShardShape);
        wholeShard.Intersect(shardOrigin, span.CellShape, shardLow, shardExtent);
        span.Intersect(shardOrigin, span.CellShape, low, extent);
        bool coversShard = low.SequenceEqual(shardLow) && extent.SequenceEqual(shardExtent);

        string key = _metadata.KeyEncoding.Key(cell);
        string file = ChunkFile(key);
        lock (ChunkFiles.LockFor(file))
        {
            RentedBuffer old = default;
            (ulong Offset, ulong Length)[]? oldEntries = null;
            if (!coversShard && ChunkFiles.TryRead(file, out old))
            {
                try
                {
                    var index = layout.IndexAtStart
                        ? old.Span[..Math.Min(layout.IndexBytes, old.Length)]
                        : old.Span[Math.Max(0, old.Length - layout.IndexBytes)..];
                    oldEntries = layout.ParseIndex(index, old.Length);
                }
                catch (CodecException e)
                {
                    old.Dispose();
                    throw new ChunkCorruptException(e.Message, Path, key, e);
                }
            }

            var pieces = new RentedBuffer?[layout.InnerCount];
            try
            {
                var oldBytes = old;
                Parallelism.For(layout.InnerCount, Parallelism.SpreadInsideShards(span.CellCount), i =>
                    pieces[i] = EncodeInner(span, wholeShard, shardOrigin, (int)i, oldBytes, oldEntries, key, ChunkSpan.At(address, length)));
                StoreShard(file, layout, pieces);
            }
            finally
            {
                foreach (var piece in pieces)
                {
                    piece?.Dispose();
                }

                old.Dispose();
            }
        }
    }

    /// <summary>
    /// The stored bytes of inner chunk <paramref name="i"/> after the write: the old bytes when the region
    /// misses it, null when it holds only the fill value, else the merged chunk encoded.
    /// </summary>
    private RentedBuffer? EncodeInner(
        ChunkSpan span, ChunkSpan wholeShard, long[] shardOrigin, int i, RentedBuffer old, (ulong Offset, ulong Length)[]? oldEntries, string key, ReadOnlySpan<byte> source)
    {
        var layout = _metadata.Sharding!;
        int n = shardOrigin.Length;
        Span<long> inner = stackalloc long[n];
        Span<long> innerOrigin = stackalloc long[n];
        Span<long> innerShape = stackalloc long[n];
        Span<long> innerLow = stackalloc long[n];
        Span<long> innerExtent = stackalloc long[n];
        long rest = i;
        for (int d = n - 1; d >= 0; d--)
        {
            inner[d] = rest % layout.InnerCounts[d];
            rest /= layout.InnerCounts[d];
            innerShape[d] = layout.InnerShape[d];
            innerOrigin[d] = shardOrigin[d] + (inner[d] * innerShape[d]);
        }

        bool touched = wholeShard.Intersect(innerOrigin, innerShape, innerLow, innerExtent)
            && span.Intersect(innerOrigin, innerShape, innerLow, innerExtent);
        var (offset, size) = oldEntries?[i] ?? (ShardLayout.Empty, ShardLayout.Empty);
        RentedBuffer? existing = null;
        if (offset != ShardLayout.Empty || size != ShardLayout.Empty)
        {
            var bytes = RentedBuffer.Rent((int)size);
            old.Span.Slice((int)offset, (int)size).CopyTo(bytes.Span);
            existing = bytes;
        }

        if (!touched)
        {
            return existing;
        }

        if (span.RegionEquals(innerOrigin, innerShape))
        {
            existing?.Dispose();
            return IsEmpty(source) ? null : _metadata.Pipeline.Encode(source);
        }

        using var chunk = RentedBuffer.Rent(_metadata.Pipeline.ChunkBytes);
        MergeIntoChunk(span, innerOrigin, source, chunk.Span, existing, InnerKey(key, inner));
        return IsEmpty(chunk.Span) ? null : _metadata.Pipeline.Encode(chunk.Span);
    }

    private static void StoreShard(string file, ShardLayout layout, RentedBuffer?[] pieces)
    {
        long dataBytes = 0;
        foreach (var piece in pieces)
        {
            dataBytes += piece?.Length ?? 0;
        }

        if (dataBytes == 0 && Array.TrueForAll(pieces, p => p is null))
        {
            ChunkFiles.TryDelete(file);
            return;
        }

        int total = checked((int)(dataBytes + layout.IndexBytes));
        using var shard = RentedBuffer.Rent(total);
        var entries = new (ulong Offset, ulong Length)[layout.InnerCount];
        int position = layout.IndexAtStart ? layout.IndexBytes : 0;
        for (int i = 0; i < pieces.Length; i++)
        {
            if (pieces[i] is not { } piece)
            {
                entries[i] = (ShardLayout.Empty, ShardLayout.Empty);
                continue;
            }

            piece.Span.CopyTo(shard.Span[position..]);
            entries[i] = ((ulong)position, (ulong)piece.Length);
            position += piece.Length;
        }

        layout.WriteIndex(entries, layout.IndexAtStart ? shard.Span[..layout.IndexBytes] : shard.Span[position..total]);
        ChunkFiles.WriteAtomic(file, shard.Span);
    }
}
