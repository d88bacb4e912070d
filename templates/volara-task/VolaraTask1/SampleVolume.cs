using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace VolaraTask1;

/// <summary>A small synthetic uint8 volume (16×64×64 voxels of 8×4×4 nm) to try the task on.</summary>
public static class SampleVolume
{
    public static readonly long[] Shape = [16, 64, 64];

    public static byte[] Write(string path)
    {
        var data = new byte[Shape[0] * Shape[1] * Shape[2]];
        new Random(1).NextBytes(data);
        var array = ZarrArray.Create(path, new ZarrArrayOptions
        {
            Shape = Shape,
            ChunkShape = [8, 32, 32],
            DataType = DataType.UInt8,
            Attributes = new JsonObject
            {
                ["voxel_size"] = new JsonArray(8, 4, 4),
                ["offset"] = new JsonArray(0, 0, 0),
                ["axis_names"] = new JsonArray("z", "y", "x"),
                ["units"] = new JsonArray("nm", "nm", "nm"),
            },
        }, overwrite: true);
        array.Write<byte>([0, 0, 0], Shape, data);
        return data;
    }
}
