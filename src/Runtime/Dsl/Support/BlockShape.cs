using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Dsl.Support;

/// <summary>Tensor lengths of a ROI of an array: channel axes whole, physical axes in voxels (the ROI may reach past the array).</summary>
internal static class BlockShape
{
    public static nint[] Lengths(VolumeArray array, Roi roi)
    {
        var lengths = new nint[array.Dims];
        int physical = 0;
        for (int axis = 0; axis < lengths.Length; axis++)
        {
            lengths[axis] = AxisTypes.IsPhysical(array.Types[axis])
                ? checked((nint)(roi.Shape.ValueAt(physical) / array.VoxelSize.ValueAt(physical++)))
                : checked((nint)array.Shape[axis]);
        }

        return lengths;
    }

    public static int Count(ReadOnlySpan<nint> lengths)
    {
        long count = 1;
        foreach (var length in lengths)
        {
            count *= length;
        }

        return checked((int)count);
    }
}
