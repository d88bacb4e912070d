using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Datasets.Views;
using Volara.Runtime.Geometry;
using Volara.Runtime.Memory;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets;

/// <summary>
/// An array addressed by world-unit <see cref="Roi"/>s (funlib.persistence's Array): the physical (space/time) dims are
/// mapped through voxel size and offset, non-physical (channel) dims are always passed through whole, wherever they sit.
/// Lazy <see cref="DatasetOp"/>s are applied on read in order. The element type is known at run time
/// (<see cref="DataType"/>); <see cref="As{T}"/> gives a typed view.
/// </summary>
/// <remarks>
/// Differences from funlib, on purpose: ROIs that are not on the voxel grid are rejected
/// (<see cref="UnalignedRoiException"/>) instead of being snapped silently; reads may extend beyond the array and get
/// the fill value there (passed through the value operations, as if the volume were padded with unwritten chunks);
/// writes must lie inside the array and also work through crops.
/// </remarks>
public sealed partial class VolumeArray
{
    private readonly VolumeView _view;
    private readonly bool _openedWritable;

    private VolumeArray(IVolumeStore store, FunlibMetadata metadata, IReadOnlyList<DatasetOp> ops, bool writable)
    {
        Store = store;
        SourceMetadata = metadata;
        Ops = ops;
        _openedWritable = writable;
        var view = VolumeView.Of(store.Shape, store.DataType, metadata);
        foreach (var op in ops)
        {
            op.ApplyTo(view);
        }

        _view = view;
        var physical = view.Axes.Where(axis => axis.IsPhysical).ToList();
        Roi = RoiOf(physical);
        VoxelSize = new Coordinate(physical.Select(axis => axis.VoxelSize));
        Offset = new Coordinate(physical.Select(axis => axis.Offset));
        Units = [.. physical.Select(axis => axis.Unit)];
        AxisNames = [.. view.Axes.Select(axis => axis.Name)];
        Types = [.. view.Axes.Select(axis => axis.Type)];
        Shape = [.. view.Axes.Select(axis => axis.Extent)];
    }

    /// <summary>Wraps a store; metadata comes from its attributes with <paramref name="overrides"/> taking precedence.</summary>
    public static VolumeArray Over(IVolumeStore store, MetadataOverrides? overrides = null, IEnumerable<DatasetOp>? ops = null, bool writable = true)
    {
        var metadata = FunlibMetadata.Parse(store.Shape.Count, store.Attributes, overrides, store.Path);
        return new VolumeArray(store, metadata, [.. ops ?? []], writable);
    }

    /// <summary>Wraps a store with already resolved metadata.</summary>
    public static VolumeArray Over(IVolumeStore store, FunlibMetadata metadata, IEnumerable<DatasetOp>? ops = null, bool writable = true)
    {
        if (metadata.Dims != store.Shape.Count)
        {
            throw new InvalidMetadataException($"metadata for {metadata.Dims} dims does not fit the {store.Shape.Count}-D array '{store.Path}'");
        }

        return new VolumeArray(store, metadata, [.. ops ?? []], writable);
    }

    public IVolumeStore Store { get; }

    public string Path => Store.Path;

    /// <summary>The metadata of the stored array, before any operation.</summary>
    public FunlibMetadata SourceMetadata { get; }

    /// <summary>The lazy operations, in application order.</summary>
    public IReadOnlyList<DatasetOp> Ops { get; }

    /// <summary>The element type after the operations.</summary>
    public DataType DataType => _view.DataType;

    /// <summary>Extent of every (uncollapsed) dim in voxels, channels included.</summary>
    public IReadOnlyList<long> Shape { get; }

    public int Dims => Shape.Count;

    public int PhysicalDims => VoxelSize.Dims;

    public int ChannelDims => Dims - PhysicalDims;

    /// <summary>The world region covered by the physical dims.</summary>
    public Roi Roi { get; }

    public Coordinate VoxelSize { get; }

    public Coordinate Offset { get; }

    public IReadOnlyList<string> AxisNames { get; }

    public IReadOnlyList<string> Units { get; }

    public IReadOnlyList<string> Types { get; }

    /// <summary>The storage chunk shape (of the stored array, all dims).</summary>
    public IReadOnlyList<int> ChunkShape => Store.ChunkShape;

    /// <summary>The persistent attributes of the stored array (a snapshot).</summary>
    public JsonObject Attributes => Store.Attributes;

    public bool IsWritable => ReadOnlyReason is null;

    /// <summary>Why writes are refused, or null when they are allowed.</summary>
    public string? ReadOnlyReason =>
        !_openedWritable || !Store.IsWritable ? "it was opened read-only" : _view.ReadOnlyReason;

    /// <summary>This array with more operations appended.</summary>
    public VolumeArray WithOps(params DatasetOp[] ops) => new(Store, SourceMetadata, [.. Ops, .. ops], _openedWritable);

    /// <summary>A typed view; <typeparamref name="T"/> must be the CLR type of <see cref="DataType"/>.</summary>
    public VolumeArray<T> As<T>()
        where T : unmanaged
    {
        CheckType<T>();
        return new VolumeArray<T>(this);
    }

    /// <summary>The shape of the data <see cref="Read(Roi, Span{byte})"/> returns for <paramref name="roi"/> (channels included).</summary>
    public long[] ShapeOf(Roi roi) => BuildLayout(roi).OutputShape;

    /// <summary>Number of elements for <paramref name="roi"/>.</summary>
    public long ElementCount(Roi roi) => BuildLayout(roi).ElementCount;

    /// <summary>Reads <paramref name="roi"/> (voxel-aligned, may extend beyond the array) as raw machine-endian elements of <see cref="DataType"/>.</summary>
    public void Read(Roi roi, Span<byte> destination)
    {
        var layout = BuildLayout(roi);
        var count = checked((int)layout.ElementCount);
        if (destination.Length != count * DataType.Size)
        {
            throw new ArgumentException(
                $"destination of {destination.Length} bytes does not fit ROI {roi} of array '{Path}' ({count} {DataType} elements, shape [{string.Join(", ", layout.OutputShape)}])",
                nameof(destination));
        }

        if (_view.Stages.Count == 0)
        {
            ReadSource(layout, destination);
            return;
        }

        var sourceType = _view.SourceType;
        var current = ScratchMemory.Rent<byte>(count * sourceType.Size);
        try
        {
            ReadSource(layout, current.Span);
            var currentType = sourceType;
            for (var i = 0; i < _view.Stages.Count; i++)
            {
                var stage = _view.Stages[i];
                var outputType = stage.OutputType(currentType);
                var input = current.Span[..(count * currentType.Size)];
                if (i == _view.Stages.Count - 1)
                {
                    stage.Run(input, currentType, destination, layout);
                    break;
                }

                var next = ScratchMemory.Rent<byte>(count * outputType.Size);
                stage.Run(input, currentType, next.Span, layout);
                current.Dispose();
                current = next;
                currentType = outputType;
            }
        }
        finally
        {
            current.Dispose();
        }
    }

    /// <summary>Reads <paramref name="roi"/> into a span of <typeparamref name="T"/> (C order, shape <see cref="ShapeOf"/>).</summary>
    public void Read<T>(Roi roi, Span<T> destination)
        where T : unmanaged
    {
        CheckType<T>();
        Read(roi, MemoryMarshal.AsBytes(destination));
    }

    /// <summary>Reads <paramref name="roi"/> into a new tensor.</summary>
    public Tensor<T> Read<T>(Roi roi)
        where T : unmanaged
    {
        CheckType<T>();
        var shape = ShapeOf(roi);
        var values = new T[checked((int)Product(shape))];
        Read(roi, MemoryMarshal.AsBytes(values.AsSpan()));
        return Tensor.Create(values, ToLengths(shape));
    }

    /// <summary>Reads <paramref name="roi"/> into a (possibly strided) tensor span whose lengths equal <see cref="ShapeOf"/>.</summary>
    public void Read<T>(Roi roi, in TensorSpan<T> destination)
        where T : unmanaged
    {
        CheckType<T>();
        var shape = ShapeOf(roi);
        var lengths = ToLengths(shape);
        if (!destination.Lengths.SequenceEqual(lengths))
        {
            throw new ArgumentException(
                $"tensor of shape [{string.Join(", ", destination.Lengths.ToArray())}] does not match ROI {roi} of array '{Path}' (shape [{string.Join(", ", shape)}])",
                nameof(destination));
        }

        var count = checked((int)Product(shape));
        using var values = ScratchMemory.Rent<T>(count);
        Read(roi, MemoryMarshal.AsBytes(values.Span));
        new ReadOnlyTensorSpan<T>(values.Span, lengths).CopyTo(destination);
    }

    /// <summary>Reads the whole array.</summary>
    public Tensor<T> ReadAll<T>()
        where T : unmanaged => Read<T>(Roi);

    /// <summary>Writes raw machine-endian elements of <see cref="DataType"/> to <paramref name="roi"/>, which must be inside the array.</summary>
    public void Write(Roi roi, ReadOnlySpan<byte> source)
    {
        if (ReadOnlyReason is { } reason)
        {
            throw new VolumeReadOnlyException($"array '{Path}' is read-only: {reason}");
        }

        CheckRoiDims(roi);
        if (!Roi.Contains(roi))
        {
            throw new RoiOutOfBoundsException($"cannot write ROI {roi} to array '{Path}': it is not contained in the array ROI {Roi}");
        }

        var sourceDims = Store.Shape.Count;
        var start = new long[sourceDims];
        var extent = new long[sourceDims];
        for (var axis = 0; axis < sourceDims; axis++)
        {
            if (_view.Collapsed[axis] is { } fixedIndex)
            {
                start[axis] = fixedIndex;
                extent[axis] = 1;
            }
        }

        var physical = 0;
        foreach (var viewAxis in _view.Axes)
        {
            var (begin, count) = viewAxis.IsPhysical ? VoxelRange(viewAxis, roi, physical++, $"array '{Path}'") : (0, viewAxis.Extent);
            start[viewAxis.SourceAxis] = viewAxis.Map.Start + begin;
            extent[viewAxis.SourceAxis] = count;
        }

        var expected = Product(extent) * DataType.Size;
        if (source.Length != expected)
        {
            throw new ArgumentException(
                $"{source.Length} bytes do not fit ROI {roi} of array '{Path}' ({expected / DataType.Size} {DataType} elements, shape [{string.Join(", ", ShapeOf(roi))}])",
                nameof(source));
        }

        Store.Write(start, extent, source);
    }

    /// <summary>Writes a span of <typeparamref name="T"/> (C order, shape <see cref="ShapeOf"/>) to <paramref name="roi"/>.</summary>
    public void Write<T>(Roi roi, ReadOnlySpan<T> source)
        where T : unmanaged
    {
        CheckType<T>();
        Write(roi, MemoryMarshal.AsBytes(source));
    }

    /// <summary>Writes a tensor whose lengths equal <see cref="ShapeOf"/> of <paramref name="roi"/>.</summary>
    public void Write<T>(Roi roi, ReadOnlyTensorSpan<T> source)
        where T : unmanaged
    {
        CheckType<T>();
        var shape = ShapeOf(roi);
        var lengths = source.Lengths;
        if (lengths.Length != shape.Length || !lengths.SequenceEqual(ToLengths(shape)))
        {
            throw new ArgumentException(
                $"tensor of shape [{string.Join(", ", lengths.ToArray())}] does not match ROI {roi} of array '{Path}' (shape [{string.Join(", ", shape)}])",
                nameof(source));
        }

        using var values = ScratchMemory.Rent<T>(checked((int)Product(shape)));
        source.FlattenTo(values.Span);
        Write(roi, (ReadOnlySpan<T>)values.Span);
    }

    public override string ToString() =>
        $"VolumeArray('{Path}', {DataType}, shape [{string.Join(", ", Shape)}], roi {Roi}, voxel_size {VoxelSize}, axes [{string.Join(", ", AxisNames)}])";

    /// <summary>The world ROI of the given physical view axes.</summary>
    internal static Roi RoiOf(IReadOnlyList<ViewAxis> physicalAxes) =>
        new(new Coordinate(physicalAxes.Select(axis => axis.Offset)), new Coordinate(physicalAxes.Select(axis => checked(axis.Extent * axis.VoxelSize))));

    /// <summary>The view voxel range [begin, begin+count) of physical dim <paramref name="physicalIndex"/> of <paramref name="roi"/>.</summary>
    internal static (long Begin, long Count) VoxelRange(ViewAxis axis, Roi roi, int physicalIndex, string context)
    {
        if (roi.Offset[physicalIndex] is not { } offset || roi.Shape[physicalIndex] is not { } extent)
        {
            throw new ArgumentException($"{context}: ROI {roi} is unbounded; reads and writes need a bounded ROI");
        }

        if (extent < 0)
        {
            throw new ArgumentException($"{context}: ROI {roi} has a negative shape");
        }

        var relative = offset - axis.Offset;
        if (Coordinate.FloorMod(relative, axis.VoxelSize) != 0 || extent % axis.VoxelSize != 0)
        {
            throw new UnalignedRoiException(
                $"{context}: ROI {roi} is not aligned with the voxel grid along '{axis.Name}' (voxel size {axis.VoxelSize}, offset {axis.Offset})");
        }

        return (Coordinate.FloorDiv(relative, axis.VoxelSize), extent / axis.VoxelSize);
    }

    private ReadLayout BuildLayout(Roi roi)
    {
        CheckRoiDims(roi);
        var sourceDims = Store.Shape.Count;
        var indices = new long[sourceDims][];
        var outputAxis = new int[sourceDims];
        for (var axis = 0; axis < sourceDims; axis++)
        {
            if (_view.Collapsed[axis] is { } fixedIndex)
            {
                indices[axis] = [fixedIndex];
                outputAxis[axis] = -1;
            }
        }

        var shape = new long[_view.Axes.Count];
        var physical = 0;
        for (var k = 0; k < _view.Axes.Count; k++)
        {
            var viewAxis = _view.Axes[k];
            var (begin, count) = viewAxis.IsPhysical ? VoxelRange(viewAxis, roi, physical++, $"array '{Path}'") : (0, viewAxis.Extent);
            var sourceIndices = new long[count];
            for (var j = 0L; j < count; j++)
            {
                var index = begin + j;
                sourceIndices[j] = index >= 0 && index < viewAxis.Extent ? viewAxis.Map[index] : -1;
            }

            indices[viewAxis.SourceAxis] = sourceIndices;
            outputAxis[viewAxis.SourceAxis] = k;
            shape[k] = count;
        }

        return new ReadLayout(indices, outputAxis, shape);
    }

    /// <summary>Reads the source elements the layout asks for (source data type) into <paramref name="destination"/>.</summary>
    private void ReadSource(ReadLayout layout, Span<byte> destination)
    {
        var elementSize = _view.SourceType.Size;
        var fill = Store.FillValue.Length == elementSize ? Store.FillValue.Span : new byte[elementSize];
        if (destination.IsEmpty)
        {
            return;
        }

        var dims = layout.SourceIndices.Length;
        var boxStart = new long[dims];
        var boxShape = new long[dims];
        var contiguous = true;
        for (var axis = 0; axis < dims; axis++)
        {
            var indices = layout.SourceIndices[axis];
            long low = long.MaxValue, high = long.MinValue;
            foreach (var index in indices)
            {
                if (index >= 0)
                {
                    low = Math.Min(low, index);
                    high = Math.Max(high, index);
                }
            }

            if (high < 0)
            {
                // Nothing of this axis is inside the array: everything is fill.
                RegionGather.Fill(destination, fill);
                return;
            }

            boxStart[axis] = low;
            boxShape[axis] = high - low + 1;
            contiguous &= indices.Length == boxShape[axis] && indices[0] == low && indices[^1] == high && IsAscendingRun(indices);
        }

        if (contiguous)
        {
            Store.Read(boxStart, boxShape, destination);
            return;
        }

        var boxBytes = checked((int)(Product(boxShape) * elementSize));
        var box = ScratchMemory.Rent<byte>(boxBytes);
        try
        {
            Store.Read(boxStart, boxShape, box.Span);
            var relative = new long[dims][];
            for (var axis = 0; axis < dims; axis++)
            {
                var indices = layout.SourceIndices[axis];
                relative[axis] = new long[indices.Length];
                for (var j = 0; j < indices.Length; j++)
                {
                    relative[axis][j] = indices[j] < 0 ? -1 : indices[j] - boxStart[axis];
                }
            }

            RegionGather.Gather(box.Span, boxShape, relative, elementSize, fill, destination);
        }
        finally
        {
            box.Dispose();
        }
    }

    private static bool IsAscendingRun(long[] indices)
    {
        for (var j = 1; j < indices.Length; j++)
        {
            if (indices[j] != indices[j - 1] + 1)
            {
                return false;
            }
        }

        return true;
    }

    private void CheckRoiDims(Roi roi)
    {
        if (roi.Dims != PhysicalDims)
        {
            throw new ArgumentException($"ROI {roi} has {roi.Dims} dims but array '{Path}' has {PhysicalDims} physical dims (axes [{string.Join(", ", AxisNames)}])");
        }
    }

    private void CheckType<T>()
        where T : unmanaged
    {
        if (!DataType.Matches<T>())
        {
            throw new VolumeTypeMismatchException($"array '{Path}' holds {DataType} elements, not {typeof(T).Name} ({DataType.Of<T>()})");
        }
    }

    private static long Product(long[] values)
    {
        long product = 1;
        foreach (var value in values)
        {
            product = checked(product * value);
        }

        return product;
    }

    private static nint[] ToLengths(long[] shape)
    {
        var lengths = new nint[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            lengths[i] = checked((nint)shape[i]);
        }

        return lengths;
    }
}
