using Volara.Runtime.Geometry;

namespace Volara.Runtime.Registration;

/// <summary>
/// A block in voxels of its read region: read shape and origin, the part inside the volume, and the write region.
/// The <c>…3</c> views pad to three axes with a leading axis of length 1, for the three-axis resampling kernel.
/// </summary>
internal sealed class BlockGeometry
{
    private BlockGeometry(int dims)
    {
        ReadShape = new int[dims];
        WriteShape = new int[dims];
        ReadShape3 = [1, 1, 1];
        WriteShape3 = [1, 1, 1];
        WriteBegin3 = new int[3];
        ValidBegin3 = new int[3];
        ValidEnd3 = [1, 1, 1];
        ReadOrigin3 = new double[3];
        VoxelSize3 = [1, 1, 1];
    }

    public int[] ReadShape { get; }

    public int[] WriteShape { get; }

    public int[] ReadShape3 { get; }

    public int[] WriteShape3 { get; }

    public int[] WriteBegin3 { get; }

    public int[] ValidBegin3 { get; }

    public int[] ValidEnd3 { get; }

    public double[] ReadOrigin3 { get; }

    public double[] VoxelSize3 { get; }

    public static BlockGeometry Of(Roi readRoi, Roi writeRoi, Roi volume, Coordinate voxelSize)
    {
        int dims = voxelSize.Dims;
        var geometry = new BlockGeometry(dims);
        var valid = readRoi.Intersect(volume);
        for (int d = 0; d < dims; d++)
        {
            int p = d + 3 - dims;
            long voxel = voxelSize.ValueAt(d);
            long readOffset = readRoi.Offset.ValueAt(d);
            geometry.ReadShape[d] = geometry.ReadShape3[p] = checked((int)(readRoi.Shape.ValueAt(d) / voxel));
            geometry.WriteShape[d] = geometry.WriteShape3[p] = checked((int)(writeRoi.Shape.ValueAt(d) / voxel));
            geometry.WriteBegin3[p] = checked((int)((writeRoi.Offset.ValueAt(d) - readOffset) / voxel));
            geometry.ValidBegin3[p] = checked((int)((valid.Offset.ValueAt(d) - readOffset) / voxel));
            geometry.ValidEnd3[p] = checked((int)((valid.End.ValueAt(d) - readOffset) / voxel));
            geometry.ReadOrigin3[p] = readOffset;
            geometry.VoxelSize3[p] = voxel;
        }

        return geometry;
    }
}
