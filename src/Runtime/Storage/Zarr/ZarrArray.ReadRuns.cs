using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

public sealed partial class ZarrArray
{
    /// <summary>
    /// The decoded bytes one core gathers at once: about its share of the processor cache. A region's row crosses
    /// several chunks; copying each chunk on its own writes one short piece of every row (64 bytes for uint8 chunks
    /// of 64³), scattered over the region, and ran at under two thirds the speed of filling whole rows in order
    /// (3.7 against 6 GB/s on one core); the copy was a fifth of a uint8 read's processor time.
    /// </summary>
    private const int RunBytes = 2 << 20;

    /// <summary>How many chunks along the last axis a read of an unsharded array decodes together.</summary>
    private int ChunksPerRun(ChunkSpan span)
    {
        if (span.CellCounts.Length == 0)
        {
            return 1;
        }

        long fit = Math.Max(1, RunBytes / _metadata.Pipeline.ChunkBytes);
        return (int)Math.Min(fit, span.CellCounts[^1]);
    }

    /// <summary>The runs of <paramref name="perRun"/> chunks along the last axis that cover the region's chunks.</summary>
    private static long RunCount(ChunkSpan span, int perRun)
    {
        long along = span.CellCounts.Length == 0 ? 1 : span.CellCounts[^1];
        return span.CellCount / along * ((along + perRun - 1) / perRun);
    }

    /// <summary>
    /// Reads run <paramref name="run"/>: its chunks decoded side by side (or taken from the decoded-chunk cache), then
    /// the region's rows filled one after another from all of them. A region that is exactly one chunk is decoded
    /// straight into it, and so are the rows of chunks whose blosc frames are unshuffled block by block.
    /// </summary>
    private void ReadRun(ChunkSpan span, long run, int perRun, Span<byte> destination)
    {
        int n = span.CellCounts.Length;
        long along = n == 0 ? 1 : span.CellCounts[n - 1];
        long runsPerRow = (along + perRun - 1) / perRun;
        long row = run / runsPerRow;
        long firstAlong = (run % runsPerRow) * perRun;
        int count = (int)Math.Min(perRun, along - firstAlong);

        Span<long> cell = stackalloc long[n];
        for (int d = n - 2; d >= 0; d--)
        {
            cell[d] = span.FirstCell[d] + (row % span.CellCounts[d]);
            row /= span.CellCounts[d];
        }

        Span<long> origin = stackalloc long[n];
        Span<long> low = stackalloc long[n];
        Span<long> extent = stackalloc long[n];
        Span<long> sourceStart = stackalloc long[n];
        Span<long> targetStart = stackalloc long[n];
        var pieces = new RunPiece[count];
        int chunkBytes = _metadata.Pipeline.ChunkBytes;
        // Rented for the first chunk decoded into it: not at all when every chunk is kept, missing or decoded into its rows.
        RentedBuffer decoded = default;
        try
        {
            for (int k = 0; k < count; k++)
            {
                if (n > 0)
                {
                    cell[n - 1] = span.FirstCell[n - 1] + firstAlong + k;
                }

                for (int d = 0; d < n; d++)
                {
                    origin[d] = cell[d] * span.CellShape[d];
                }

                span.Intersect(origin, span.CellShape, low, extent);
                for (int d = 0; d < n; d++)
                {
                    sourceStart[d] = low[d] - origin[d];
                    targetStart[d] = low[d] - span.RegionStart[d];
                }

                string key = _metadata.KeyEncoding.Key(cell);
                string file = ChunkFile(key);
                bool whole = span.RegionEquals(origin, span.CellShape);
                byte[]? source = null;
                if (ReadKeptChunk(file, key, whole, out var kept))
                {
                    if (whole && kept is not null)
                    {
                        kept.CopyTo(destination);
                        return;
                    }

                    source = kept;
                }
                else if (ChunkFiles.TryRead(file, out var stored))
                {
                    using (stored)
                    {
                        if (whole)
                        {
                            DecodeChunk(stored.Span, destination, key);
                            return;
                        }

                        if (DecodeRows(stored.Span, sourceStart, extent, span.RegionShape, targetStart, destination, key))
                        {
                            continue;
                        }

                        if (decoded.Array is null)
                        {
                            decoded = RentedBuffer.Rent(count * chunkBytes);
                        }

                        DecodeChunk(stored.Span, decoded.Array.AsSpan(k * chunkBytes, chunkBytes), key);
                    }

                    source = decoded.Array;
                }

                if (source is null)
                {
                    BoxCopy.Fill(destination, span.RegionShape, targetStart, extent, _metadata.FillBytes);
                    continue;
                }

                pieces[k] = new RunPiece(source, source == decoded.Array ? k * chunkBytes : 0, sourceStart[n - 1], targetStart[n - 1], extent[n - 1]);
            }

            if (n > 0)
            {
                // Along the other axes every chunk of the run has the same part in the region: the last one's.
                RunCopy.Copy(pieces, span.CellShape, sourceStart[..(n - 1)], destination, span.RegionShape, targetStart[..(n - 1)], extent[..(n - 1)], DataType.Size);
            }
        }
        finally
        {
            decoded.Dispose();
        }
    }
}
