using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;

namespace Volara.Cli.Serving;

/// <summary>
/// A neuroglancer viewer state for the arrays of a served container: raw data as image layers, labels as
/// segmentation layers on top of them, the view centred on the arrays' extent, each with its voxel size, units and offset from the funlib attributes (neuroglancer does
/// not read those itself, so every source carries them as its coordinate transform).
/// </summary>
public static class NeuroglancerState
{
    public const string DefaultViewer = "https://neuroglancer-demo.appspot.com/";

    private const double PanelPixels = 250;

    public static JsonObject Create(IReadOnlyList<ServedArray> arrays, string baseUrl)
    {
        // Layers are drawn in list order: images first, so that the segmentation lies on top of them.
        var ordered = arrays.Where(a => !a.IsSegmentation).Concat(arrays.Where(a => a.IsSegmentation)).ToList();
        var layers = new JsonArray();
        foreach (var array in ordered)
        {
            layers.Add(new JsonObject
            {
                ["type"] = array.IsSegmentation ? "segmentation" : "image",
                ["name"] = array.RelativePath.Length == 0 ? "array" : array.RelativePath,
                ["source"] = new JsonObject
                {
                    ["url"] = $"zarr{array.ZarrFormat}://{baseUrl}{array.RelativePath}",
                    ["transform"] = Transform(array),
                },
            });
        }

        var state = new JsonObject();
        if (ordered.Count > 0)
        {
            var first = ordered[0].Geometry;
            var dimensions = new JsonObject();
            var position = new JsonArray();
            var extent = Extent(ordered, first.PhysicalDims);
            double largest = 0;
            for (int physical = 0; physical < first.PhysicalDims; physical++)
            {
                long voxelSize = first.VoxelSize.ValueAt(physical);
                dimensions[first.AxisNames[first.ChannelDims + physical]] = Scale(voxelSize, first.Units[physical]);
                position.Add((extent.Begin.ValueAt(physical) + extent.End.ValueAt(physical)) / 2.0 / voxelSize);
                largest = Math.Max(largest, extent.Shape.ValueAt(physical) / (double)voxelSize);
            }

            state["dimensions"] = dimensions;
            state["position"] = position;

            // funlib orders axes slowest first (z, y, x); neuroglancer draws its first display axis across, so the
            // sections show x across, y down and step through z, as an EM section is looked at.
            var physicalNames = first.AxisNames.Skip(first.ChannelDims).ToList();
            state["displayDimensions"] = new JsonArray([.. physicalNames.TakeLast(3).Reverse().Select(name => (JsonNode)name)]);

            // A small volume opens zoomed in to about the height of a panel in the four-panel layout; a large one at
            // neuroglancer's one voxel per pixel.
            if (largest is > 0 and < PanelPixels)
            {
                state["crossSectionScale"] = largest / PanelPixels;
            }
        }

        state["layers"] = layers;
        state["layout"] = ordered.Count > 0 && ordered[0].Geometry.PhysicalDims >= 3 ? "4panel" : "xy";
        return state;
    }

    /// <summary>The box around every array with as many physical axes as the first (world units): its centre is where the view opens.</summary>
    private static Roi Extent(IReadOnlyList<ServedArray> arrays, int physicalDims)
    {
        var extent = Roi.EmptyOf(physicalDims);
        foreach (var array in arrays)
        {
            if (array.Geometry.PhysicalDims == physicalDims)
            {
                extent = extent.Union(array.Geometry.Roi);
            }
        }

        return extent;
    }

    /// <summary>The viewer URL with the state in its fragment (<c>#!</c> + the JSON, percent-encoded).</summary>
    public static string Link(string viewer, JsonObject state) =>
        viewer.TrimEnd('/') + "/#!" + Uri.EscapeDataString(state.ToJsonString());

    /// <summary>
    /// Voxels of the array (its axes as neuroglancer names them, at their voxel size) to world coordinates: without
    /// the input scales neuroglancer takes every voxel for a metre.
    /// </summary>
    private static JsonObject Transform(ServedArray array)
    {
        var geometry = array.Geometry;
        var input = new JsonObject();
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
                input[array.ViewerAxisNames[axis]] = new JsonArray(1, "");
                output[geometry.AxisNames[axis]] = new JsonArray(1, "");
                row.Add(0);
            }
            else
            {
                int physical = axis - geometry.ChannelDims;
                long voxelSize = geometry.VoxelSize.ValueAt(physical);
                input[array.ViewerAxisNames[axis]] = Scale(voxelSize, geometry.Units[physical]);
                output[geometry.AxisNames[axis]] = Scale(voxelSize, geometry.Units[physical]);
                row.Add(geometry.Offset.ValueAt(physical) / voxelSize);
            }

            matrix.Add(row);
        }

        return new JsonObject { ["inputDimensions"] = input, ["outputDimensions"] = output, ["matrix"] = matrix };
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
