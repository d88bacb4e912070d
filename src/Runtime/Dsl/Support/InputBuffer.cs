using System.Buffers;
using System.ComponentModel;
using System.Numerics.Tensors;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// One input of a generated processor: reads a block's read ROI into a pooled buffer reused across blocks. Voxels
/// beyond the array (context at the volume's border) read as the array's fill value, passed through the dataset's
/// operations like any stored value (0 where the array has none). An optional input that is not configured (null
/// array) reads as an empty tensor.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class InputBuffer<T>(VolumeArray? configured) : IDisposable
    where T : unmanaged
{
    private T[] buffer = [];

    public ReadOnlyTensorSpan<T> Read(Roi roi)
    {
        if (configured is not { } array)
        {
            return ReadOnlyTensorSpan<T>.Empty;
        }

        var lengths = BlockShape.Lengths(array, roi);
        int count = BlockShape.Count(lengths);
        if (buffer.Length < count)
        {
            Dispose();
            buffer = ArrayPool<T>.Shared.Rent(count);
        }

        // The array pads what lies beyond its shape with its fill value (in the stored type, before the operations).
        var target = buffer.AsSpan(0, count);
        array.Read(roi, target);
        return new ReadOnlyTensorSpan<T>(target, lengths);
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<T>.Shared.Return(buffer);
        }

        buffer = [];
    }
}
