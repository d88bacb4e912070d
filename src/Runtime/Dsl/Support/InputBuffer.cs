using System.Buffers;
using System.ComponentModel;
using System.Numerics.Tensors;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// One input of a generated processor: reads a block's read ROI into a pooled buffer reused across blocks. Voxels
/// beyond the array read as 0 (context at the volume's border). An optional input that is not configured (null array)
/// reads as an empty tensor.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class InputBuffer<T>(VolumeArray? configured) : IDisposable
    where T : unmanaged
{
    private T[] buffer = [];
    private T[] inside = [];

    public ReadOnlyTensorSpan<T> Read(Roi roi)
    {
        if (configured is not { } array)
        {
            return ReadOnlyTensorSpan<T>.Empty;
        }

        var lengths = BlockShape.Lengths(array, roi);
        int count = BlockShape.Count(lengths);
        Rent(ref buffer, count);
        var target = buffer.AsSpan(0, count);
        if (array.Roi.Contains(roi))
        {
            array.Read(roi, target);
            return new ReadOnlyTensorSpan<T>(target, lengths);
        }

        target.Clear();
        var overlap = roi.Intersect(array.Roi);
        if (!overlap.Empty)
        {
            CopyOverlap(array, roi, overlap, new TensorSpan<T>(target, lengths));
        }

        return new ReadOnlyTensorSpan<T>(target, lengths);
    }

    public void Dispose()
    {
        Return(ref buffer);
        Return(ref inside);
    }

    private void CopyOverlap(VolumeArray array, Roi roi, Roi overlap, TensorSpan<T> target)
    {
        var lengths = BlockShape.Lengths(array, overlap);
        int count = BlockShape.Count(lengths);
        Rent(ref inside, count);
        array.Read(overlap, inside.AsSpan(0, count));
        var ranges = new NRange[lengths.Length];
        int physical = 0;
        for (int axis = 0; axis < ranges.Length; axis++)
        {
            if (AxisTypes.IsPhysical(array.Types[axis]))
            {
                var start = (overlap.Offset.ValueAt(physical) - roi.Offset.ValueAt(physical)) / array.VoxelSize.ValueAt(physical);
                physical++;
                ranges[axis] = new NRange((nint)start, (nint)start + lengths[axis]);
            }
            else
            {
                ranges[axis] = NRange.All;
            }
        }

        new ReadOnlyTensorSpan<T>(inside.AsSpan(0, count), lengths).CopyTo(target.Slice(ranges));
    }

    private static void Rent(ref T[] pooled, int count)
    {
        if (pooled.Length < count)
        {
            Return(ref pooled);
            pooled = ArrayPool<T>.Shared.Rent(count);
        }
    }

    private static void Return(ref T[] pooled)
    {
        if (pooled.Length > 0)
        {
            ArrayPool<T>.Shared.Return(pooled);
        }

        pooled = [];
    }
}
