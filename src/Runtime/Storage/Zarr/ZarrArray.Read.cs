using System.Runtime.ExceptionServices;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

public sealed partial class ZarrArray
{
    /// <summary>
    /// Reads a region into <paramref name="destination"/> (C order, machine endian). The region may reach
    /// beyond the array; those voxels, and voxels of chunks not on disk, get the fill value.
    /// </summary>
    public unsafe void Read(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> destination)
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

        fixed (byte* pointer = destination)
        {
            nint address = (nint)pointer;
            int length = destination.Length;
            ForEachCell(span, cell =>
            {
                if (_metadata.Sharding is null)
                {
                    ReadChunk(span, cell, ChunkSpan.At(address, length));
                }
                else
                {
                    ReadShard(span, cell, ChunkSpan.At(address, length));
                }
            });
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

    private static void ForEachCell(ChunkSpan span, Action<long[]> work)
    {
        if (span.CellCount == 1)
        {
            work(span.Cell(0));
            return;
        }

        try
        {
            Parallel.For(0L, span.CellCount, i => work(span.Cell(i)));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private void ReadChunk(ChunkSpan span, long[] cell, Span<byte> destination)
    {
        int n = cell.Length;
        Span<long> origin = stackalloc long[n];
        Span<long> low = stackalloc long[n];
        Span<long> extent = stackalloc long[n];
        Span<long> sourceStart = stackalloc long[n];
        Span<long> targetStart = stackalloc long[n];
        for (int d = 0; d < n; d++)
        {
            origin[d] = cell[d] * span.CellShape[d];
        }

        if (!span.Intersect(origin, span.CellShape, low, extent))
        {
            return;
        }

        for (int d = 0; d < n; d++)
        {
            sourceStart[d] = low[d] - origin[d];
            targetStart[d] = low[d] - span.RegionStart[d];
        }

        string key = _metadata.KeyEncoding.Key(cell);
        if (!ChunkFiles.TryRead(ChunkFile(key), out var stored))
        {
            BoxCopy.Fill(destination, span.RegionShape, targetStart, extent, _metadata.FillBytes);
            return;
        }

        using (stored)
        {
            if (span.RegionEquals(origin, span.CellShape))
            {
                DecodeChunk(stored.Span, destination, key);
                return;
            }

            using var chunk = RentedBuffer.Rent(_metadata.Pipeline.ChunkBytes);
            DecodeChunk(stored.Span, chunk.Span, key);
            BoxCopy.Copy(chunk.Span, span.CellShape, sourceStart, destination, span.RegionShape, targetStart, extent, DataType.Size);
        }
    }

    private void ReadShard(ChunkSpan span, long[] cell, Span<byte> destination)
    {
        var layout = _metadata.Sharding!;
        int n = cell.Length;
        Span<long> shardOrigin = stackalloc long[n];
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
        string file = ChunkFile(key);
        Microsoft.Win32.SafeHandles.SafeFileHandle? handle = null;
        try
        {
            handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
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

            BoxCopy.Fill(destination, span.RegionShape, targetStart, extent, _metadata.FillBytes);
            return;
        }

        using (handle)
        {
            long length = RandomAccess.GetLength(handle);
            var entries = ReadShardIndex(handle, length, key);
            var innerShape = Array.ConvertAll(layout.InnerShape, s => (long)s);
            Span<long> first = stackalloc long[n];
            Span<long> counts = stackalloc long[n];
            long total = 1;
            for (int d = 0; d < n; d++)
            {
                first[d] = (low[d] - shardOrigin[d]) / innerShape[d];
                counts[d] = ((low[d] + extent[d] - 1 - shardOrigin[d]) / innerShape[d]) - first[d] + 1;
                total *= counts[d];
            }

            Span<long> inner = stackalloc long[n];
            Span<long> innerOrigin = stackalloc long[n];
            Span<long> innerLow = stackalloc long[n];
            Span<long> innerExtent = stackalloc long[n];
            Span<long> sourceStart = stackalloc long[n];
            Span<long> targetStart = stackalloc long[n];
            for (long i = 0; i < total; i++)
            {
                long rest = i;
                int linear = 0;
                for (int d = n - 1; d >= 0; d--)
                {
                    inner[d] = first[d] + (rest % counts[d]);
                    rest /= counts[d];
                }

                for (int d = 0; d < n; d++)
                {
                    linear = checked((int)((linear * layout.InnerCounts[d]) + inner[d]));
                    innerOrigin[d] = shardOrigin[d] + (inner[d] * innerShape[d]);
                }

                if (!span.Intersect(innerOrigin, innerShape, innerLow, innerExtent))
                {
                    continue;
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
                    continue;
                }

                using var stored = RentedBuffer.Rent((int)size);
                ChunkFiles.ReadExactly(handle, stored.Span, (long)offset);
                string innerKey = $"{key}[{string.Join(",", inner.ToArray())}]";
                if (span.RegionEquals(innerOrigin, innerShape))
                {
                    DecodeChunk(stored.Span, destination, innerKey);
                    continue;
                }

                using var chunk = RentedBuffer.Rent(_metadata.Pipeline.ChunkBytes);
                DecodeChunk(stored.Span, chunk.Span, innerKey);
                BoxCopy.Copy(chunk.Span, innerShape, sourceStart, destination, span.RegionShape, targetStart, innerExtent, DataType.Size);
            }
        }
    }

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
}
