using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tests.Registration;

/// <summary>Writes the channel-first float32 arrays the registration tests start from.</summary>
internal static class RegistrationArrays
{
    public static Raw WriteChannels(string path, float[] data, int channels, int[] shape, Coordinate voxelSize, Coordinate? offset = null)
    {
        string[] spatial = shape.Length == 3 ? ["z", "y", "x"] : ["y", "x"];
        var array = VolumeArray.Prepare(path, new PrepareOptions
        {
            Shape = [channels, .. shape.Select(n => (long)n)],
            ChunkShape = [channels, .. shape.Select(n => Math.Min(n, 8))],
            DataType = DataType.Float32,
            VoxelSize = voxelSize,
            Offset = offset,
            AxisNames = ["c^", .. spatial],
            Mode = AccessMode.Overwrite,
        });
        array.Write<float>(array.Roi, data);
        return new Raw { Store = path };
    }

    /// <summary>A shift grid as ComputeShift writes it: <c>(C, ndim, *blocks)</c>, voxel size = block size in world units.</summary>
    public static Raw WriteShiftGrid(string path, float[] data, int channels, int[] blocks, Coordinate spacing, Coordinate? offset = null)
    {
        string[] spatial = blocks.Length == 3 ? ["z", "y", "x"] : ["y", "x"];
        var array = VolumeArray.Prepare(path, new PrepareOptions
        {
            Shape = [channels, blocks.Length, .. blocks.Select(n => (long)n)],
            ChunkShape = [channels, blocks.Length, .. blocks.Select(_ => 1)],
            DataType = DataType.Float32,
            VoxelSize = spacing,
            Offset = offset,
            AxisNames = ["c^", "axis^", .. spatial],
            Mode = AccessMode.Overwrite,
        });
        array.Write<float>(array.Roi, data);
        return new Raw { Store = path };
    }

    /// <summary>Every element of an array, C order.</summary>
    public static T[] ReadAll<T>(string path)
        where T : unmanaged
    {
        var array = VolumeArray.Open(path);
        var values = new T[array.ElementCount(array.Roi)];
        array.Read<T>(array.Roi, values);
        return values;
    }
}
