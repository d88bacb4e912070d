namespace Volara.Bench.Segmentation;

/// <summary>Cuts a volume into blocks grown by a context (zeros outside), as the engine hands them to a task.</summary>
public static class BlockCutter
{
    /// <summary>Read region of one block: start (may be negative) and shape per axis, plus the write region inside it.</summary>
    public sealed record BlockRegion(int[] ReadStart, int[] ReadShape, int[] WriteOffset, int[] WriteShape, ulong Id)
    {
        public int ReadVoxels => ReadShape[0] * ReadShape[1] * ReadShape[2];

        public int WriteVoxels => WriteShape[0] * WriteShape[1] * WriteShape[2];
    }

    public static List<BlockRegion> Regions(int[] shape, int[] block, int[] context)
    {
        var regions = new List<BlockRegion>();
        for (int z = 0; z < shape[0]; z += block[0])
        {
            for (int y = 0; y < shape[1]; y += block[1])
            {
                for (int x = 0; x < shape[2]; x += block[2])
                {
                    int[] start = [z, y, x];
                    int[] write = [.. Enumerable.Range(0, 3).Select(d => Math.Min(block[d], shape[d] - start[d]))];
                    int[] readStart = [.. Enumerable.Range(0, 3).Select(d => start[d] - context[d])];
                    int[] readShape = [.. Enumerable.Range(0, 3).Select(d => write[d] + (2 * context[d]))];
                    ulong id = Runtime.Geometry.Cantor.CantorNumber([z / block[0], y / block[1], x / block[2]]);
                    regions.Add(new BlockRegion(readStart, readShape, context, write, id));
                }
            }
        }

        return regions;
    }

    /// <summary>The <paramref name="channels"/>-channel data of <paramref name="region"/>'s read region, zeros outside the volume.</summary>
    public static T[] Read<T>(T[] volume, int channels, int[] shape, BlockRegion region)
        where T : unmanaged
    {
        int voxels = shape[0] * shape[1] * shape[2];
        var result = new T[channels * region.ReadVoxels];
        int at = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int z = 0; z < region.ReadShape[0]; z++)
            {
                for (int y = 0; y < region.ReadShape[1]; y++)
                {
                    for (int x = 0; x < region.ReadShape[2]; x++, at++)
                    {
                        int gz = region.ReadStart[0] + z, gy = region.ReadStart[1] + y, gx = region.ReadStart[2] + x;
                        if (gz >= 0 && gy >= 0 && gx >= 0 && gz < shape[0] && gy < shape[1] && gx < shape[2])
                        {
                            result[at] = volume[(c * voxels) + (((gz * shape[1]) + gy) * shape[2]) + gx];
                        }
                    }
                }
            }
        }

        return result;
    }
}
