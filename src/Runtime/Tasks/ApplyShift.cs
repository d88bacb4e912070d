using System.Buffers;
using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Registration;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's ApplyShift: resamples every channel of <see cref="Intensities"/> by the shifts <see cref="ComputeShift"/>
/// estimated, interpolated linearly between block centres into a dense field, and writes <c>clip(value × 255)</c> as
/// uint8 to <see cref="Aligned"/> (inputs expected in [0, 1]). Block size = context = the shift grid's voxel size over
/// the intensities' voxel size, so each block sees its neighbours' shift samples.
/// </summary>
/// <remarks>
/// Differences from volara, where its assumptions are bugs: shift samples sit at block centres (volara maps its 3×3×3
/// neighbourhood as if the outer samples sat at the outer edges of the neighbouring blocks); at the volume's border the
/// grid is clamped to its edge samples (volara interpolates towards zero shifts read from outside the grid); the data
/// may have 2 or 3 spatial axes; the shift grid need not line up with this task's blocks (positions are world units);
/// the output is the aligned array (volara reports the shifts as its output).
/// </remarks>
[VolaraTask("apply_shifts")]
public sealed partial class ApplyShift
{
    private Coordinate voxelSize;
    private Roi intensitiesRoi;
    private int channels;

    /// <summary>The images to resample, channel-first <c>[C, *spatial]</c>, values in [0, 1].</summary>
    [Input]
    public required Raw<float> Intensities { get; init; }

    /// <summary>ComputeShift's output: <c>(C, ndim, *blocks)</c> shifts in world units, one sample per block.</summary>
    [Parameter]
    public required Raw Shifts { get; init; }

    /// <summary>The aligned images, uint8, shaped like the intensities.</summary>
    [Output]
    public required Raw<byte> Aligned { get; init; }

    /// <summary>Optional dense shift field output, <c>(C, ndim, *spatial)</c> float32 in world units.</summary>
    [Parameter(Writes = true)]
    public Raw? InterpShifts { get; init; }

    /// <summary>Shift samples with a component larger than this (world units, absolute) are treated as zero.</summary>
    [Parameter]
    public double? ShiftThreshold { get; init; }

    /// <summary>One shift sample per block: the shift grid's voxel size in intensity voxels.</summary>
    [BlockSize, JsonIgnore]
    public Coordinate BlockSize => ShiftBlockSize();

    /// <summary>One block of context on each side, so the neighbouring samples are read.</summary>
    [Context, JsonIgnore]
    public Coordinate? Context => ShiftBlockSize();

    /// <summary>Restricts the aligned region (world units); null aligns the whole volume.</summary>
    [WriteRoi]
    public Roi? Roi { get; init; }

    partial void Validate()
    {
        var intensities = Intensities.Untyped.Array();
        voxelSize = intensities.VoxelSize;
        intensitiesRoi = intensities.Roi;
        if (intensities.ChannelDims != 1 || AxisTypes.IsPhysical(intensities.Types[0]))
        {
            throw new ArgumentException(
                $"task '{Name}': field intensities '{Intensities.Store}' must be channel-first [C, *spatial] with one channel axis, it has axes [{string.Join(", ", intensities.Types)}]");
        }

        if (voxelSize.Dims is < 1 or > 3)
        {
            throw new TaskFieldException(Name, "intensities", $"intensities '{Intensities.Store}' has {voxelSize.Dims} spatial axes; 1 to 3 are supported");
        }

        channels = checked((int)intensities.Shape[0]);
        var shifts = OpenShifts();
        if (shifts.Dims != voxelSize.Dims + 2 || shifts.Shape[0] != channels || shifts.Shape[1] != voxelSize.Dims)
        {
            throw new ArgumentException(
                $"task '{Name}': field shifts '{Shifts.Store}' must have shape (C={channels}, ndim={voxelSize.Dims}, *blocks) as compute_shift writes it, it has [{string.Join(", ", shifts.Shape)}]");
        }

        if (ShiftThreshold is { } threshold && !(threshold >= 0))
        {
            throw new TaskFieldException(Name, "shift_threshold", $"shift_threshold {threshold} must be non-negative");
        }
    }

    partial void OnInit()
    {
        if (InterpShifts is null)
        {
            return;
        }

        var intensities = Intensities.Untyped.Array();
        int dims = voxelSize.Dims;
        var block = BlockSize;
        var shape = new long[dims + 2];
        var chunks = new int[dims + 2];
        var names = new List<string> { intensities.AxisNames[0], "axis" };
        var types = new List<string> { intensities.Types[0], AxisTypes.Channel };
        shape[0] = channels;
        shape[1] = dims;
        chunks[0] = channels;
        chunks[1] = dims;
        for (int d = 0; d < dims; d++)
        {
            shape[d + 2] = intensities.Shape[d + 1];
            chunks[d + 2] = (int)Math.Min(block.ValueAt(d), Math.Max(1, shape[d + 2]));
            names.Add(intensities.AxisNames[d + 1]);
            types.Add(intensities.Types[d + 1]);
        }

        InterpShifts.Prepare(shape, chunks, intensities.Offset, voxelSize, intensities.Units, names, types, DataType.Of<float>());
    }

    partial void OnDropArtifacts() => InterpShifts?.Drop();

    private Coordinate ShiftBlockSize()
    {
        var shifts = OpenShifts();
        var intensities = Intensities.Untyped.Array().VoxelSize;
        var grid = shifts.VoxelSize;
        if (grid.Dims != intensities.Dims || grid % intensities != Coordinate.Filled(grid.Dims, 0))
        {
            throw new ArgumentException(
                $"task '{Name}': field shifts '{Shifts.Store}' has voxel size {grid}, which must be a whole multiple of the intensities' voxel size {intensities} in every axis");
        }

        return grid / intensities;
    }

    private VolumeArray OpenShifts()
    {
        try
        {
            return Shifts.Array();
        }
        catch (Exception error) when (error is IOException or DatasetException or Storage.Zarr.ZarrException)
        {
            throw new TaskFieldException(Name, "shifts", $"shifts '{Shifts.Store}' cannot be opened (run compute_shift first): {error.Message}", error);
        }
    }

    private void Process(Block block, ReadOnlyTensorSpan<float> intensities, TensorSpan<byte> aligned)
    {
        int dims = voxelSize.Dims;
        var shifts = Shifts.Array();
        var geometry = BlockGeometry.Of(block.ReadRoi, block.WriteRoi, intensitiesRoi, voxelSize);
        var gridBox = GridBox.Around(block.WriteRoi, shifts.Roi, shifts.VoxelSize, dims);
        int gridSamples = VoxelBox.Count(gridBox.Shape);
        int readVoxels = VoxelBox.Count(geometry.ReadShape);
        int writeVoxels = VoxelBox.Count(geometry.WriteShape);
        var gridData = ArrayPool<float>.Shared.Rent(channels * dims * gridSamples);
        var components = ArrayPool<float>.Shared.Rent(3 * gridSamples);
        float[]? fieldData = InterpShifts is null ? null : ArrayPool<float>.Shared.Rent(channels * dims * writeVoxels);
        float[]? channelField = InterpShifts is null ? null : ArrayPool<float>.Shared.Rent(3 * writeVoxels);
        try
        {
            shifts.Read(gridBox.Roi, gridData.AsSpan(0, channels * dims * gridSamples));
            var source = intensities.AsReadOnlySpan();
            var target = aligned.AsSpan();
            for (int c = 0; c < channels; c++)
            {
                var channelGrid = components.AsSpan(0, 3 * gridSamples);
                gridBox.Components(gridData.AsSpan(c * dims * gridSamples, dims * gridSamples), dims, ShiftThreshold, channelGrid);
                var grid = new ShiftGrid(channelGrid, gridBox.Shape3, gridBox.First3, gridBox.Total3, gridBox.FirstCentre3, gridBox.Spacing3);
                var field = channelField is null ? default : channelField.AsSpan(0, 3 * writeVoxels);
                ShiftResampling.Apply(
                    source.Slice(c * readVoxels, readVoxels),
                    geometry.ReadShape3,
                    geometry.ReadOrigin3,
                    geometry.VoxelSize3,
                    geometry.ValidBegin3,
                    geometry.ValidEnd3,
                    geometry.WriteBegin3,
                    geometry.WriteShape3,
                    grid,
                    target.Slice(c * writeVoxels, writeVoxels),
                    field);
                if (fieldData is not null)
                {
                    // The kernel fills z, y, x; the output keeps the data's own axes (the last `dims` of them).
                    field.Slice((3 - dims) * writeVoxels, dims * writeVoxels).CopyTo(fieldData.AsSpan(c * dims * writeVoxels, dims * writeVoxels));
                }
            }

            if (fieldData is not null)
            {
                InterpShifts!.Array(AccessMode.ReadWrite).Write(block.WriteRoi, (ReadOnlySpan<float>)fieldData.AsSpan(0, channels * dims * writeVoxels));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(gridData);
            ArrayPool<float>.Shared.Return(components);
            if (fieldData is not null)
            {
                ArrayPool<float>.Shared.Return(fieldData);
                ArrayPool<float>.Shared.Return(channelField!);
            }
        }
    }
}
