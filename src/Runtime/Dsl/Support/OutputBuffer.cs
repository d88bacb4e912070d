using System.Buffers;
using System.ComponentModel;
using System.Numerics.Tensors;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// One output of a generated processor: a zeroed pooled buffer over a block's write ROI, then written back. An optional
/// output that is not configured (null array) is an empty tensor and writes nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OutputBuffer<T>(VolumeArray? configured) : IDisposable
    where T : unmanaged
{
    private T[] buffer = [];
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
            buffer = ArrayPool<T>.Shared.Rent(count);
        }

        var target = buffer.AsSpan(0, count);
        target.Clear();
        return new TensorSpan<T>(target, lengths);
    }

    public void Write(Roi roi) => configured?.Write(roi, (ReadOnlySpan<T>)buffer.AsSpan(0, count));

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<T>.Shared.Return(buffer);
        }

        buffer = [];
    }
}
