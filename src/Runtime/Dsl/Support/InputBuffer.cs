using System.ComponentModel;
using System.Numerics.Tensors;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// One input of a generated processor: reads a block's read ROI into a scratch buffer reused across blocks. Voxels
/// beyond the array (context at the volume's border) read as the array's fill value, passed through the dataset's
/// operations like any stored value (0 where the array has none). An optional input that is not configured (null
/// array) reads as an empty tensor.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class InputBuffer<T>(VolumeArray? configured) : IDisposable
    where T : unmanaged
{
    private ScratchBuffer<T> buffer;
    private nint[] lengths = [];
    private int count;

    /// <summary>The block last read, as <see cref="Read"/> returned it (a staged processor reads and computes apart).</summary>
    public ReadOnlyTensorSpan<T> Filled =>
        configured is null ? ReadOnlyTensorSpan<T>.Empty : new ReadOnlyTensorSpan<T>(buffer.Span[..count], lengths);

    public ReadOnlyTensorSpan<T> Read(Roi roi)
    {
        if (configured is not { } array)
        {
            return ReadOnlyTensorSpan<T>.Empty;
        }

        lengths = BlockShape.Lengths(array, roi);
        count = BlockShape.Count(lengths);
        if (buffer.Length < count)
        {
            Dispose();
            buffer = ScratchMemory.Rent<T>(count);
        }

        // The array pads what lies beyond its shape with its fill value (in the stored type, before the operations).
        var target = buffer.Span[..count];
        array.Read(roi, target);
        return new ReadOnlyTensorSpan<T>(target, lengths);
    }

    public void Dispose()
    {
        buffer.Dispose();
        buffer = default;
    }
}
