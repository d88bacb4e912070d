using System.Buffers;
using System.ComponentModel;
using System.Numerics.Tensors;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// One output of a generated processor: a zeroed scratch buffer over a block's write ROI, then written back. An optional
/// output that is not configured (null array) is an empty tensor and writes nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OutputBuffer<T>(VolumeArray? configured) : IDisposable
    where T : unmanaged
{
    private ScratchBuffer<T> buffer;
    private int count;

    public TensorSpan<T> Clear(Roi roi)
    {
        if (configured is not { } array)
        {
            return TensorSpan<T>.Empty;
        }

        var lengths = BlockShape.Lengths(array, roi);
        count = BlockShape.Count(lengths);
        if (buffer.Length < count)
        {
            Dispose();
            buffer = ScratchMemory.Rent<T>(count);
        }

        var target = buffer.Span[..count];
        target.Clear();
        return new TensorSpan<T>(target, lengths);
    }

    public void Write(Roi roi)
    {
        if (configured is not { } array)
        {
            return;
        }

        if (array.Roi.Contains(roi))
        {
            array.Write(roi, (ReadOnlySpan<T>)buffer.Span[..count]);
            return;
        }

        // A block that sticks out of the array (overhang fit) writes only its part inside.
        var region = roi.Intersect(array.Roi);
        if (region.Empty)
        {
            return;
        }

        var lengths = BlockShape.Lengths(array, roi);
        var ranges = new NRange[lengths.Length];
        var start = (region.Offset - roi.Offset).FloorDivide(array.VoxelSize);
        var extent = region.Shape.FloorDivide(array.VoxelSize);
        int physical = 0;
        for (int axis = 0; axis < ranges.Length; axis++)
        {
            if (AxisTypes.IsPhysical(array.Types[axis]))
            {
                long first = start.ValueAt(physical);
                ranges[axis] = new NRange(checked((nint)first), checked((nint)(first + extent.ValueAt(physical++))));
            }
            else
            {
                ranges[axis] = NRange.All;
            }
        }

        array.Write(region, new ReadOnlyTensorSpan<T>((ReadOnlySpan<T>)buffer.Span[..count], lengths).Slice(ranges));
    }

    public void Dispose()
    {
        buffer.Dispose();
        buffer = default;
    }
}
