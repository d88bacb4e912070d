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
/// volara's ComputeShift: one rigid shift per block and channel, estimated by phase cross-correlation of each channel
/// (moving) against a reference (<see cref="Target"/>, or channel 0) with sub-voxel refinement (upsample factor 3), or
/// by masked normalised cross-correlation when a <see cref="Mask"/> is given. Shifts register each channel onto the
/// reference, in world units, written to <see cref="Shifts"/>: shape <c>(C, ndim, *blocks)</c>, voxel size = the
/// block's write size (one sample per block), float32.
/// </summary>
/// <remarks>
/// Each block correlates only the part of its read ROI inside the intensities (volara's <c>valid_read</c>), so border
/// blocks never correlate zero padding. Border blocks are clipped to the volume (shrink fit) rather than overhanging:
/// the shift grid is the same, and the correlation sees no padding.
/// </remarks>
[VolaraTask("compute_shift")]
public sealed partial class ComputeShift
{
    /// <summary>Sub-voxel precision of the unmasked estimate: 1/3 voxel.</summary>
    public const int UpsampleFactor = 3;

    private Coordinate voxelSize;
    private Roi intensitiesRoi;
    private int channels;

    /// <summary>The images to register, channel-first <c>[C, *spatial]</c> (2-D or 3-D).</summary>
    [Input]
    public required Raw<float> Intensities { get; init; }

    /// <summary>Optional mask (non-zero = use); an all-zero block gets zero shifts.</summary>
    [Input]
    public Labels<byte>? Mask { get; init; }

    /// <summary>Optional reference image (spatial, or one channel); null registers every channel onto channel 0.</summary>
    [Input]
    public Raw<float>? Target { get; init; }

    /// <summary>The output shift grid (created by Init): one <c>(C, ndim)</c> sample per block, world units.</summary>
    [Parameter(Writes = true)]
    public required Raw Shifts { get; init; }

    /// <summary>Minimum mask overlap of the masked variant (scikit-image's <c>overlap_ratio</c>; null uses 0.3).</summary>
    [Parameter]
    public double? OverlapRatio { get; init; }

    /// <summary>Block (write) size in voxels: one shift sample per block.</summary>
    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    /// <summary>Voxels correlated around each block on each side (clipped to the volume); null for none.</summary>
    [Context]
    public Coordinate? Context { get; init; }

    /// <summary>Restricts the registered region (world units); null registers the whole volume.</summary>
    [WriteRoi]
    public Roi? Roi { get; init; }

    /// <summary>The shift array's name and the task type.</summary>
    [JsonIgnore]
    public override string Name => $"{Shifts.Name}-compute_shift";

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

        channels = checked((int)intensities.Shape[0]);
        if (Target is not null)
        {
            var target = Target.Untyped.Array();
            if (!(target.ChannelDims == 0 || (target.ChannelDims == 1 && target.Shape[0] == 1 && !AxisTypes.IsPhysical(target.Types[0]))))
            {
                throw new TaskFieldException(Name, "target", $"target '{Target.Store}' must be one image (spatial axes, or a single channel), it has shape [{string.Join(", ", target.Shape)}]");
            }
        }

        if (OverlapRatio is { } ratio && !(ratio >= 0 && ratio <= 1))
        {
            throw new TaskFieldException(Name, "overlap_ratio", $"overlap_ratio {ratio} must lie in [0, 1]");
        }
    }

    partial void OnInit()
    {
        var intensities = Intensities.Untyped.Array();
        var layout = Layout;
        var writeSize = layout.BlockSize;
        int dims = voxelSize.Dims;
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
            long extent = layout.TotalWriteRoi.Shape.ValueAt(d);
            long step = writeSize.ValueAt(d);
            shape[d + 2] = (extent + step - 1) / step;
            chunks[d + 2] = 1;
            names.Add(intensities.AxisNames[d + 1]);
            types.Add(intensities.Types[d + 1]);
        }

        Shifts.Prepare(shape, chunks, layout.TotalWriteRoi.Offset, writeSize, intensities.Units, names, types, DataType.Of<float>());
    }

    partial void OnDropArtifacts() => Shifts.Drop();

    private void Process(Block block, ReadOnlyTensorSpan<float> intensities, ReadOnlyTensorSpan<byte> mask, ReadOnlyTensorSpan<float> target)
    {
        int dims = voxelSize.Dims;
        var valid = block.ReadRoi.Intersect(intensitiesRoi);
        Span<int> readShape = stackalloc int[dims];
        Span<int> begin = stackalloc int[dims];
        Span<int> size = stackalloc int[dims];
        for (int d = 0; d < dims; d++)
        {
            long voxel = voxelSize.ValueAt(d);
            readShape[d] = checked((int)(block.ReadRoi.Shape.ValueAt(d) / voxel));
            begin[d] = checked((int)((valid.Offset.ValueAt(d) - block.ReadRoi.Offset.ValueAt(d)) / voxel));
            size[d] = checked((int)(valid.Shape.ValueAt(d) / voxel));
        }

        int readVoxels = VoxelBox.Count(readShape);
        int voxels = VoxelBox.Count(size);
        var result = new float[channels * dims];

        // Without a target, channel 0 is the reference and registers onto itself with a zero shift.
        int firstMoving = target.IsEmpty ? 1 : 0;
        int moving = channels - firstMoving;
        var pool = ArrayPool<float>.Shared;
        var reference = pool.Rent(voxels);
        var movingImages = pool.Rent(Math.Max(1, moving) * voxels);
        var maskBuffer = mask.IsEmpty ? null : ArrayPool<byte>.Shared.Rent(voxels);
        var shifts = new double[moving * dims];
        try
        {
            var source = intensities.AsReadOnlySpan();
            var referenceImage = reference.AsSpan(0, voxels);
            VoxelBox.Copy(target.IsEmpty ? source[..readVoxels] : target.AsReadOnlySpan(), readShape, begin, size, referenceImage);
            var maskImage = maskBuffer is null ? default : maskBuffer.AsSpan(0, voxels);
            if (maskBuffer is not null)
            {
                VoxelBox.Copy(mask.AsReadOnlySpan(), readShape, begin, size, maskImage);
                if (!maskImage.ContainsAnyExcept((byte)0))
                {
                    WriteShifts(block, result);
                    return;
                }
            }

            for (int c = firstMoving; c < channels; c++)
            {
                VoxelBox.Copy(source.Slice(c * readVoxels, readVoxels), readShape, begin, size, movingImages.AsSpan((c - firstMoving) * voxels, voxels));
            }

            if (maskBuffer is null)
            {
                if (moving > 0)
                {
                    PhaseCrossCorrelation.Estimate(referenceImage, movingImages.AsSpan(0, moving * voxels), size, UpsampleFactor, shifts);
                }
            }
            else
            {
                for (int m = 0; m < moving; m++)
                {
                    MaskedPhaseCrossCorrelation.Estimate(
                        referenceImage, movingImages.AsSpan(m * voxels, voxels), maskImage, maskImage, size,
                        OverlapRatio ?? MaskedPhaseCrossCorrelation.DefaultOverlapRatio, shifts.AsSpan(m * dims, dims));
                }
            }

            for (int m = 0; m < moving; m++)
            {
                for (int d = 0; d < dims; d++)
                {
                    result[((m + firstMoving) * dims) + d] = (float)(shifts[(m * dims) + d] * voxelSize.ValueAt(d));
                }
            }
        }
        finally
        {
            pool.Return(reference);
            pool.Return(movingImages);
            if (maskBuffer is not null)
            {
                ArrayPool<byte>.Shared.Return(maskBuffer);
            }
        }

        WriteShifts(block, result);
    }

    private void WriteShifts(Block block, float[] result)
    {
        var shifts = Shifts.Array(AccessMode.ReadWrite);
        shifts.Write(new Roi(block.WriteRoi.Offset, shifts.VoxelSize), (ReadOnlySpan<float>)result);
    }
}
