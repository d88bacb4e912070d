using System.Text.Json.Nodes;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets;

/// <summary>An <see cref="IVolumeStore"/> over one contiguous C-order buffer (funlib's Array over a numpy array).</summary>
public sealed class InMemoryVolumeStore : IVolumeStore
{
    private readonly byte[] _data;
    private readonly long[] _shape;
    private readonly long[] _strides;
    private JsonObject _attributes;

    /// <summary>Creates a zero-filled store.</summary>
    public InMemoryVolumeStore(ReadOnlySpan<long> shape, DataType dataType, string path = "<memory>", JsonObject? attributes = null)
    {
        _shape = shape.ToArray();
        long count = 1;
        foreach (var extent in _shape)
        {
            if (extent < 0)
            {
                throw new ArgumentException($"negative extent in shape [{string.Join(", ", _shape)}] of {path}", nameof(shape));
            }

            count = checked(count * extent);
        }

        _strides = ContiguousStrides(_shape);
        _data = new byte[checked(count * dataType.Size)];
        DataType = dataType;
        Path = path;
        _attributes = attributes?.DeepClone().AsObject() ?? [];
    }

    /// <summary>Creates a store holding a copy of <paramref name="values"/> (C order).</summary>
    public static InMemoryVolumeStore From<T>(ReadOnlySpan<T> values, ReadOnlySpan<long> shape, string path = "<memory>", JsonObject? attributes = null)
        where T : unmanaged
    {
        var store = new InMemoryVolumeStore(shape, DataType.Of<T>(), path, attributes);
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values);
        if (bytes.Length != store._data.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill the shape [{string.Join(", ", shape.ToArray())}] of {path}", nameof(values));
        }

        bytes.CopyTo(store._data);
        return store;
    }

    public string Path { get; }

    public IReadOnlyList<long> Shape => _shape;

    public IReadOnlyList<int> ChunkShape => [.. _shape.Select(extent => (int)Math.Min(extent, int.MaxValue))];

    public DataType DataType { get; }

    public ReadOnlyMemory<byte> FillValue => new byte[DataType.Size];

    public bool IsWritable { get; init; } = true;

    public JsonObject Attributes => _attributes.DeepClone().AsObject();

    public void SetAttributes(JsonObject attributes) => _attributes = attributes.DeepClone().AsObject();

    public void Read(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> destination) =>
        Copy(start, shape, destination, toBuffer: true);

    public void Write(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, ReadOnlySpan<byte> source)
    {
        if (!IsWritable)
        {
            throw new VolumeReadOnlyException($"{Path} is read-only");
        }

        // The buffer is only read from when toBuffer is false.
        var buffer = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source), source.Length);
        Copy(start, shape, buffer, toBuffer: false);
    }

    private void Copy(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> buffer, bool toBuffer)
    {
        var bufferLength = buffer.Length;
        if (start.Length != _shape.Length || shape.Length != _shape.Length)
        {
            throw new ArgumentException($"region of {start.Length}/{shape.Length} dims does not match the {_shape.Length}-D store {Path}");
        }

        long count = 1;
        for (var d = 0; d < _shape.Length; d++)
        {
            if (start[d] < 0 || shape[d] < 0 || start[d] + shape[d] > _shape[d])
            {
                throw new RoiOutOfBoundsException(
                    $"region start [{string.Join(", ", start.ToArray())}] shape [{string.Join(", ", shape.ToArray())}] is outside {Path} of shape [{string.Join(", ", _shape)}]");
            }

            count *= shape[d];
        }

        var elementSize = DataType.Size;
        if (bufferLength != count * elementSize)
        {
            throw new ArgumentException($"buffer of {bufferLength} bytes does not match the region of {count} elements of {Path}");
        }

        if (count == 0)
        {
            return;
        }

        var dims = _shape.Length;
        if (dims == 0)
        {
            CopyRun(0, elementSize, 0, buffer, toBuffer);
            return;
        }

        var runBytes = (int)(shape[dims - 1] * elementSize);
        var index = new long[dims];
        var target = 0;
        while (true)
        {
            long offset = 0;
            for (var d = 0; d < dims; d++)
            {
                offset += (start[d] + index[d]) * _strides[d];
            }

            CopyRun(offset * elementSize, runBytes, target, buffer, toBuffer);
            target += runBytes;
            var axis = dims - 2;
            while (axis >= 0 && ++index[axis] == shape[axis])
            {
                index[axis--] = 0;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    private void CopyRun(long storeOffset, int runBytes, int bufferOffset, Span<byte> buffer, bool toBuffer)
    {
        var stored = _data.AsSpan(checked((int)storeOffset), runBytes);
        var buffered = buffer.Slice(bufferOffset, runBytes);
        if (toBuffer)
        {
            stored.CopyTo(buffered);
        }
        else
        {
            buffered.CopyTo(stored);
        }
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        return strides;
    }
}
