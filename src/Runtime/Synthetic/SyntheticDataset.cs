using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Synthetic;

/// <summary>Writes a synthetic ground truth and its affinities as Zarr arrays with funlib metadata.</summary>
public static class SyntheticDataset
{
    /// <summary>
    /// Writes <paramref name="labels"/> (uint64, [z, y, x]) to <c>{container}/{labelsName}</c> and
    /// <paramref name="affinities"/> (uint8, [offsets, z, y, x], with the <c>neighborhood</c> attribute volara's
    /// <see cref="Affs"/> reads) to <c>{container}/{affsName}</c>, both with <paramref name="voxelSize"/>, offset 0,
    /// axis names z, y, x (affinities: <c>neighborhood^</c> first) and chunks of <paramref name="chunk"/> voxels.
    /// Existing arrays are replaced.
    /// </summary>
    public static (Labels Labels, Affs Affs) Write(
        string container, ulong[] labels, byte[] affinities, long[] shape, IReadOnlyList<Coordinate> offsets,
        Coordinate voxelSize, int[] chunk, string labelsName = "gt", string affsName = "affs")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(affinities);
        var roi = new Roi(Coordinate.Filled(3, 0), new Coordinate(shape) * voxelSize);
        string[] units = ["nm", "nm", "nm"];

        string labelsPath = Path.Combine(container, labelsName);
        var labelArray = VolumeArray.Prepare(labelsPath, new PrepareOptions
        {
            Shape = shape, ChunkShape = chunk, DataType = DataType.UInt64, VoxelSize = voxelSize, Offset = roi.Offset,
            AxisNames = ["z", "y", "x"], Units = units, Mode = AccessMode.Overwrite,
        });
        labelArray.Write<ulong>(roi, labels);

        var neighborhood = new JsonArray();
        foreach (var offset in offsets)
        {
            neighborhood.Add((JsonNode)new JsonArray(offset.ValueAt(0), offset.ValueAt(1), offset.ValueAt(2)));
        }

        string affsPath = Path.Combine(container, affsName);
        var affArray = VolumeArray.Prepare(affsPath, new PrepareOptions
        {
            Shape = [offsets.Count, .. shape], ChunkShape = [offsets.Count, .. chunk], DataType = DataType.UInt8,
            VoxelSize = voxelSize, Offset = roi.Offset, AxisNames = ["neighborhood^", "z", "y", "x"], Units = units,
            Mode = AccessMode.Overwrite, CustomAttributes = new JsonObject { ["neighborhood"] = neighborhood },
        });
        affArray.Write<byte>(roi, affinities);

        return (new Labels { Store = labelsPath }, new Affs { Store = affsPath });
    }
}
