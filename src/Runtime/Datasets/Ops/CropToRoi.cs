using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>
/// Restricts the physical dims to a world-unit ROI (voxel-aligned and inside the array); its offset becomes the array's
/// offset. Writes through a crop land at the right place (unlike funlib, where they do not).
/// </summary>
public sealed record CropToRoi([property: JsonPropertyName("offset")] Coordinate Offset, [property: JsonPropertyName("shape")] Coordinate Shape) : DatasetOp
{
    public static CropToRoi Of(Roi roi) => new(roi.Offset, roi.Shape);

    [JsonIgnore]
    public Roi Roi => new(Offset, Shape);

    internal override void ApplyTo(VolumeView view)
    {
        var physical = view.Axes.Where(axis => axis.IsPhysical).ToList();
        var current = VolumeArray.RoiOf(physical);
        var roi = Roi;
        if (roi.Dims != physical.Count)
        {
            throw new InvalidOperationChainException($"{this}: the ROI has {roi.Dims} dims but the array has {physical.Count} physical dims at this point in the op list");
        }

        if (!current.Contains(roi))
        {
            throw new RoiOutOfBoundsException($"{this}: ROI {roi} is not contained in the array ROI {current}");
        }

        var physicalIndex = 0;
        for (var axis = 0; axis < view.Axes.Count; axis++)
        {
            var viewAxis = view.Axes[axis];
            if (!viewAxis.IsPhysical)
            {
                continue;
            }

            var (begin, count) = VolumeArray.VoxelRange(viewAxis, roi, physicalIndex++, "crop");
            view.Crop(axis, begin, count, begin * viewAxis.VoxelSize + viewAxis.Offset);
        }
    }

    public override string ToString() => $"CropToRoi({Roi})";
}
