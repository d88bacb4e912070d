using System.Buffers;
using Volara.Runtime.Progress;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Copy;

/// <summary>Copies every region of a <see cref="RegionGrid"/> from one array to another, regions in parallel.</summary>
public static class ArrayCopier
{
    /// <summary>Copies all regions; returns the number of uncompressed bytes moved.</summary>
    public static long Copy(ZarrArray source, ZarrArray destination, RegionGrid grid, ProgressReporter progress, int parallelism)
    {
        int elementSize = source.DataType.Size;
        long bytes = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        Parallel.For(0L, grid.Count, options, index =>
        {
            CopyRegion region = grid[index];
            int length = checked((int)(region.Voxels * elementSize));
            byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                Span<byte> voxels = buffer.AsSpan(0, length);
                source.Read(region.Start, region.Shape, voxels);
                destination.Write(region.Start, region.Shape, voxels);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            Interlocked.Add(ref bytes, length);
            progress.Advance(region.Chunks);
        });
        return bytes;
    }
}
