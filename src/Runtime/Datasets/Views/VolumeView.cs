using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Views;

/// <summary>
/// What a chain of lazy operations makes of a source array: which source axes are collapsed to one index, how the
/// remaining (view) axes index the source, their metadata, and the element-wise value stages applied after reading.
/// Operations mutate a fresh copy while they are applied in order; a finished view is not changed again.
/// </summary>
internal sealed class VolumeView
{
    private VolumeView(List<ViewAxis> axes, long?[] collapsed, List<ValueStage> stages, DataType sourceType, DataType dataType, string? readOnlyReason)
    {
        Axes = axes;
        Collapsed = collapsed;
        Stages = stages;
        SourceType = sourceType;
        DataType = dataType;
        ReadOnlyReason = readOnlyReason;
    }

    public List<ViewAxis> Axes { get; }

    /// <summary>Per source axis, the fixed source index when an operation collapsed it.</summary>
    public long?[] Collapsed { get; }

    public List<ValueStage> Stages { get; }

    public DataType SourceType { get; }

    /// <summary>The element type after all value stages.</summary>
    public DataType DataType { get; private set; }

    /// <summary>Why writes are impossible through this view, or null when they are possible.</summary>
    public string? ReadOnlyReason { get; private set; }

    public static VolumeView Of(IReadOnlyList<long> sourceShape, DataType sourceType, FunlibMetadata metadata)
    {
        var axes = new List<ViewAxis>(sourceShape.Count);
        var physical = 0;
        for (var axis = 0; axis < sourceShape.Count; axis++)
        {
            var map = AxisMap.Identity(sourceShape[axis]);
            if (metadata.IsPhysical(axis))
            {
                axes.Add(new ViewAxis(axis, map, metadata.AxisNames[axis], metadata.Types[axis], metadata.Units[physical],
                    metadata.VoxelSize.ValueAt(physical), metadata.Offset.ValueAt(physical)));
                physical++;
            }
            else
            {
                axes.Add(new ViewAxis(axis, map, metadata.AxisNames[axis], metadata.Types[axis], string.Empty, 1, 0));
            }
        }

        return new VolumeView(axes, new long?[sourceShape.Count], [], sourceType, sourceType, null);
    }

    public VolumeView Clone() => new([.. Axes], (long?[])Collapsed.Clone(), [.. Stages], SourceType, DataType, ReadOnlyReason);

    /// <summary>Checks that <paramref name="axis"/> exists at this point in the op list.</summary>
    public void CheckAxis(int axis, string operation)
    {
        if (axis < 0 || axis >= Axes.Count)
        {
            throw new InvalidOperationChainException(
                $"{operation}: axis {axis} is out of range for the {Axes.Count}-D array at this point in the op list " +
                $"(axes [{string.Join(", ", Axes.Select(a => a.Name))}])");
        }
    }

    /// <summary>Numpy-style integer index: removes the axis (negative indices count from the end).</summary>
    public void Collapse(int axis, long index, string operation)
    {
        CheckAxis(axis, operation);
        var viewAxis = Axes[axis];
        var resolved = ResolveIndex(index, viewAxis, operation);
        Collapsed[viewAxis.SourceAxis] = viewAxis.Map[resolved];
        Axes.RemoveAt(axis);
    }

    /// <summary>Numpy-style index list: keeps the axis with the chosen entries in the given order.</summary>
    public void Take(int axis, IReadOnlyList<long> indices, string operation)
    {
        CheckAxis(axis, operation);
        var viewAxis = Axes[axis];
        var resolved = new long[indices.Count];
        for (var i = 0; i < resolved.Length; i++)
        {
            resolved[i] = ResolveIndex(indices[i], viewAxis, operation);
        }

        Axes[axis] = viewAxis with { Map = viewAxis.Map.Take(resolved) };
        ReadOnlyReason ??= $"{operation} picks an index list";
    }

    public void Reverse(int axis, string operation)
    {
        CheckAxis(axis, operation);
        Axes[axis] = Axes[axis] with { Map = Axes[axis].Map.Reverse() };
        ReadOnlyReason ??= $"{operation} reverses axis {axis}";
    }

    /// <summary>Restricts a physical axis to <paramref name="count"/> voxels from view index <paramref name="begin"/>.</summary>
    public void Crop(int axis, long begin, long count, long newOffset)
    {
        var viewAxis = Axes[axis];
        Axes[axis] = viewAxis with { Map = viewAxis.Map.Slice(begin, count), Offset = newOffset };
    }

    public void AddStage(ValueStage stage, string operation)
    {
        Stages.Add(stage);
        DataType = stage.OutputType(DataType);
        ReadOnlyReason ??= $"{operation} changes the values";
    }

    private static long ResolveIndex(long index, ViewAxis axis, string operation)
    {
        var resolved = index < 0 ? index + axis.Extent : index;
        if (resolved < 0 || resolved >= axis.Extent)
        {
            throw new InvalidOperationChainException(
                $"{operation}: index {index} is out of range for axis '{axis.Name}' of extent {axis.Extent} at this point in the op list");
        }

        return resolved;
    }
}
