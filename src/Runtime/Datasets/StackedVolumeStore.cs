using System.Text.Json.Nodes;
using Volara.Runtime.Datasets.Views;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets;

/// <summary>
/// A read-only store that concatenates arrays along axis 0 voxel by voxel (volara's <c>stack</c>): every part must have
/// the same data type, dims and extents apart from axis 0. Each part is read through its own operations.
/// </summary>
public sealed class StackedVolumeStore : IVolumeStore
{
    private readonly VolumeArray[] _parts;
    private readonly long[] _shape;

    public StackedVolumeStore(IReadOnlyList<VolumeArray> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("a stack needs at least one array", nameof(parts));
        }

        _parts = [.. parts];
        var first = _parts[0];
        _shape = [.. first.Shape];
        foreach (var part in _parts.Skip(1))
        {
            if (part.DataType != first.DataType || part.Dims != first.Dims || part.Dims == 0 || !part.Shape.Skip(1).SequenceEqual(first.Shape.Skip(1)) ||
                !part.Types.SequenceEqual(first.Types))
            {
                throw new InvalidMetadataException(
                    $"cannot stack '{part.Path}' ({part.DataType}, shape [{string.Join(", ", part.Shape)}]) onto '{first.Path}' " +
                    $"({first.DataType}, shape [{string.Join(", ", first.Shape)}]): only axis 0 may differ");
            }

            _shape[0] += part.Shape[0];
        }

        Path = string.Join(" + ", _parts.Select(part => part.Path));
    }

    public string Path { get; }

    public IReadOnlyList<long> Shape => _shape;

    public IReadOnlyList<int> ChunkShape => _parts[0].ChunkShape;

    public DataType DataType => _parts[0].DataType;

    public ReadOnlyMemory<byte> FillValue => new byte[DataType.Size];

    public bool IsWritable => false;

    public JsonObject Attributes => [];

    public void SetAttributes(JsonObject attributes) => throw new VolumeReadOnlyException($"stacked array '{Path}' is read-only");

    public void Write(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, ReadOnlySpan<byte> source) =>
        throw new VolumeReadOnlyException($"stacked array '{Path}' is read-only");

    public void Read(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> destination)
    {
        var elementSize = DataType.Size;
        long slab = 1;
        for (var d = 1; d < shape.Length; d++)
        {
            slab *= shape[d];
        }

        var slabBytes = (int)(slab * elementSize);
        long partStart = 0;
        var target = 0;
        foreach (var part in _parts)
        {
            var begin = Math.Max(start[0], partStart);
            var end = Math.Min(start[0] + shape[0], partStart + part.Shape[0]);
            if (begin < end)
            {
                var count = (int)(end - begin);
                ReadPart(part, begin - partStart, count, start, shape, destination.Slice(target, count * slabBytes));
                target += count * slabBytes;
            }

            partStart += part.Shape[0];
        }
    }

    /// <summary>Reads voxels [first, first+count) of axis 0 and the requested ranges of the other axes from one part.</summary>
    private static void ReadPart(VolumeArray part, long first, int count, ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> destination)
    {
        // A part reads whole non-physical axes, so read those whole and pick the requested ranges afterwards.
        var physical = 0;
        var offsets = new long?[part.PhysicalDims];
        var extents = new long?[part.PhysicalDims];
        var indices = new long[shape.Length][];
        var wholeShape = new long[shape.Length];
        for (var axis = 0; axis < shape.Length; axis++)
        {
            var (rangeStart, rangeCount) = axis == 0 ? (first, (long)count) : (start[axis], shape[axis]);
            if (part.Types[axis] is AxisTypes.Space or AxisTypes.Time)
            {
                var voxel = part.VoxelSize.ValueAt(physical);
                offsets[physical] = part.Offset.ValueAt(physical) + (rangeStart * voxel);
                extents[physical] = rangeCount * voxel;
                physical++;
                wholeShape[axis] = rangeCount;
                indices[axis] = Sequence(0, rangeCount);
            }
            else
            {
                wholeShape[axis] = part.Shape[axis];
                indices[axis] = Sequence(rangeStart, rangeCount);
            }
        }

        var roi = new Roi(new Coordinate(offsets.AsSpan()), new Coordinate(extents.AsSpan()));
        var elementSize = part.DataType.Size;
        var bytes = checked((int)(wholeShape.Aggregate(1L, (a, b) => a * b) * elementSize));
        using var whole = Memory.ScratchMemory.Rent<byte>(bytes);
        part.Read(roi, whole.Span);
        RegionGather.Gather(whole.Span, wholeShape, indices, elementSize, new byte[elementSize], destination);
    }

    private static long[] Sequence(long start, long count)
    {
        var values = new long[count];
        for (var i = 0L; i < count; i++)
        {
            values[i] = start + i;
        }

        return values;
    }
}
