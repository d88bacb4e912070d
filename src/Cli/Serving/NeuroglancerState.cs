using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;

namespace Volara.Cli.Serving;

/// <summary>
/// A neuroglancer viewer state for the arrays of a served container: raw data as image layers, labels as
/// segmentation layers, each with its voxel size, units and offset from the funlib attributes (neuroglancer does
/// not read those itself, so every source carries them as its coordinate transform).
/// </summary>
public static class NeuroglancerState
{
    public const string DefaultViewer = "https://neuroglancer-demo.appspot.com/";

    public static JsonObject Create(IReadOnlyList<ServedArray> arrays, string baseUrl)
    {
        var layers = new JsonArray();
        foreach (var array in arrays)
        {
            layers.Add(new JsonObject
            {
                ["type"] = array.IsSegmentation ? "segmentation" : "image",
                ["name"] = array.RelativePath.Length == 0 ? "array" : array.RelativePath,
                ["source"] = new JsonObject
                {
                    ["url"] = $"zarr{array.ZarrFormat}://{baseUrl}{array.RelativePath}",
                    ["transform"] = Transform(array.Geometry),
                },
            });
        }

        var state = new JsonObject();
        if (arrays.Count > 0)
        {
            var first = arrays[0].Geometry;
            var dimensions = new JsonObject();
            var position = new JsonArray();
            for (int axis = first.ChannelDims; axis < first.Dims; axis++)
            {
                int physical = axis - first.ChannelDims;
                dimensions[first.AxisNames[axis]] = Scale(first.VoxelSize.ValueAt(physical), first.Units[physical]);
                long voxelSize = first.VoxelSize.ValueAt(physical);
                position.Add((first.Offset.ValueAt(physical) / (double)voxelSize) + (first.Shape[axis] / 2.0));
            }

            state["dimensions"] = dimensions;
            state["position"] = position;
        }

        state["layers"] = layers;
        state["layout"] = arrays.Count > 0 && arrays[0].Geometry.PhysicalDims >= 3 ? "4panel" : "xy";
        return state;
    }

    /// <summary>The viewer URL with the state in its fragment (<c>#!</c> + the JSON, percent-encoded).</summary>
    public static string Link(string viewer, JsonObject state) =>
        viewer.TrimEnd('/') + "/#!" + Uri.EscapeDataString(state.ToJsonString());

    private static JsonObject Transform(VolumeArray geometry)
    {
        var output = new JsonObject();
        var matrix = new JsonArray();
        for (int axis = 0; axis < geometry.Dims; axis++)
        {
            var row = new JsonArray();
            for (int column = 0; column < geometry.Dims; column++)
            {
                row.Add(column == axis ? 1 : 0);
            }

            if (axis < geometry.ChannelDims)
            {
                output[geometry.AxisNames[axis]] = new JsonArray(1, "");
                row.Add(0);
            }
            else
            {
                int physical = axis - geometry.ChannelDims;
                long voxelSize = geometry.VoxelSize.ValueAt(physical);
                output[geometry.AxisNames[axis]] = Scale(voxelSize, geometry.Units[physical]);
                row.Add(geometry.Offset.ValueAt(physical) / voxelSize);
            }

            matrix.Add(row);
        }

        return new JsonObject { ["outputDimensions"] = output, ["matrix"] = matrix };
    }

    /// <summary>Neuroglancer wants SI base units: 4 nm is [4e-9, "m"]; unknown units stay as they are.</summary>
    private static JsonArray Scale(long voxelSize, string unit) => unit switch
    {
        "nm" => new JsonArray(voxelSize / 1e9, "m"),
        "um" or "µm" or "μm" => new JsonArray(voxelSize / 1e6, "m"),
        "mm" => new JsonArray(voxelSize / 1e3, "m"),
        "ms" => new JsonArray(voxelSize / 1e3, "s"),
        "us" or "µs" => new JsonArray(voxelSize / 1e6, "s"),
        "ns" => new JsonArray(voxelSize / 1e9, "s"),
        _ => new JsonArray(voxelSize, unit),
    };
}
