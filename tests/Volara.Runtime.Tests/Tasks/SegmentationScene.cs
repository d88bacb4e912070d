using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>
/// A tiny 3-D ground truth (random blobs with background) and its noise-free uint8 affinities in Zarr, with the
/// world geometry the tasks see (offset and anisotropic voxel size).
/// </summary>
internal sealed class SegmentationScene
{
    public static readonly int[] Shape = [10, 24, 24];
    public static readonly Coordinate VoxelSize = new(4L, 2L, 2L);
    public static readonly Coordinate Offset = new(40L, 10L, 20L);
    public static readonly Coordinate[] Offsets = [new(1L, 0L, 0L), new(0L, 1L, 0L), new(0L, 0L, 1L), new(2L, 0L, 0L), new(0L, 3L, 0L), new(0L, 0L, 3L)];
    public static readonly double[] Bias = [-0.4, -0.4, -0.4, -0.7, -0.7, -0.7];

    public SegmentationScene(TempDirectory temp, int seed)
    {
        Truth = SegmentationReference.Blobs(Shape, 4, 6, seed);
        AffValues = SegmentationReference.Affinities(Truth, Shape, Offsets);
        Affs = new Affs { Store = temp.Combine("data.zarr", "affs"), Neighborhood = Offsets };
        var array = Affs.Prepare(
            [Offsets.Length, .. Shape.Select(s => (long)s)], [Offsets.Length, 5, 12, 12], Offset, VoxelSize, ["nm", "nm", "nm"], ["c^", "z", "y", "x"], ["channel", "space", "space", "space"], DataType.UInt8);
        array.Write(array.Roi, (ReadOnlySpan<byte>)AffValues);
        Frags = new Labels { Store = temp.Combine("data.zarr", "frags") };
    }

    public ulong[] Truth { get; }

    public byte[] AffValues { get; }

    public Affs Affs { get; }

    public Labels Frags { get; }

    public static int Voxels => Shape[0] * Shape[1] * Shape[2];

    /// <summary>The blocks of a shrink-fit grid: grid index, write start and shape, in voxels.</summary>
    public static IEnumerable<(ulong Id, int[] Start, int[] Size)> Blocks(int[] blockSize)
    {
        for (int z = 0; z < Shape[0]; z += blockSize[0])
        {
            for (int y = 0; y < Shape[1]; y += blockSize[1])
            {
                for (int x = 0; x < Shape[2]; x += blockSize[2])
                {
                    int[] start = [z, y, x];
                    int[] size = [.. Enumerable.Range(0, 3).Select(d => Math.Min(blockSize[d], Shape[d] - start[d]))];
                    yield return (Cantor.CantorNumber([z / blockSize[0], y / blockSize[1], x / blockSize[2]]), start, size);
                }
            }
        }
    }

    /// <summary>The region <paramref name="start"/> − context … start + size + context of a volume, zeros outside.</summary>
    public static T[] ReadRegion<T>(T[] volume, int channels, int[] start, int[] size, int[] context, out int[] shape)
        where T : unmanaged
    {
        shape = [.. Enumerable.Range(0, 3).Select(d => size[d] + (2 * context[d]))];
        int regionVoxels = shape[0] * shape[1] * shape[2];
        var region = new T[channels * regionVoxels];
        int at = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int z = 0; z < shape[0]; z++)
            {
                for (int y = 0; y < shape[1]; y++)
                {
                    for (int x = 0; x < shape[2]; x++, at++)
                    {
                        int gz = start[0] - context[0] + z, gy = start[1] - context[1] + y, gx = start[2] - context[2] + x;
                        if (gz >= 0 && gy >= 0 && gx >= 0 && gz < Shape[0] && gy < Shape[1] && gx < Shape[2])
                        {
                            region[at] = volume[(c * Voxels) + (((gz * Shape[1]) + gy) * Shape[2]) + gx];
                        }
                    }
                }
            }
        }

        return region;
    }

    /// <summary>
    /// What ExtractFrags must write: per block, the attractive clusters of the ground truth in its read region,
    /// cropped, split into full-connectivity components numbered in raster order, shifted by block id × block voxels.
    /// </summary>
    public ulong[] ExpectedFragments(int[] blockSize, int[] context)
    {
        var expected = new ulong[Voxels];
        ulong perBlock = (ulong)(blockSize[0] * blockSize[1] * blockSize[2]);
        foreach (var (id, start, size) in Blocks(blockSize))
        {
            var truth = ReadRegion(Truth, 1, start, size, context, out var readShape);
            var local = SegmentationReference.FullComponents(
                SegmentationReference.Crop(SegmentationReference.AttractiveClusters(truth, readShape, Offsets), readShape, context, size),
                size);
            Paste(local.Select(l => l == 0 ? 0 : l + (id * perBlock)).ToArray(), start, size, expected);
        }

        return expected;
    }

    public static void Paste(ulong[] block, int[] start, int[] size, ulong[] volume)
    {
        int at = 0;
        for (int z = 0; z < size[0]; z++)
        {
            for (int y = 0; y < size[1]; y++)
            {
                for (int x = 0; x < size[2]; x++)
                {
                    volume[((((start[0] + z) * Shape[1]) + start[1] + y) * Shape[2]) + start[2] + x] = block[at++];
                }
            }
        }
    }

    public static ulong[] ReadAll(Dataset dataset)
    {
        var array = dataset.Array();
        var values = new ulong[array.ElementCount(array.Roi)];
        array.Read<ulong>(array.Roi, values);
        return values;
    }
}
