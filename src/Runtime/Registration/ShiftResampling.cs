using System.Buffers;

namespace Volara.Runtime.Registration;

/// <summary>
/// ApplyShift's kernel for one channel of one block: the dense shift field by linear interpolation (per axis) of the
/// coarse shift grid between block centres, then the image resampled at <c>voxel − shift / voxel size</c> by linear
/// interpolation with zeros outside the volume (scipy's <c>map_coordinates(order=1, mode="constant")</c>), written as
/// <c>clip(value × 255, 0, 255)</c> truncated to uint8. Works on three axes; 2-D data has a leading axis of length 1.
/// </summary>
internal static class ShiftResampling
{
    private const int Dims = 3;

    /// <summary>Resamples one channel.</summary>
    /// <param name="image">The channel over the block's read region, shape <paramref name="readShape"/>.</param>
    /// <param name="readShape">Voxels of the read region per axis.</param>
    /// <param name="readOrigin">World position of the read region's first voxel corner.</param>
    /// <param name="voxelSize">Voxel size per axis (world units).</param>
    /// <param name="validBegin">First read-region voxel inside the volume, per axis.</param>
    /// <param name="validEnd">One past the last read-region voxel inside the volume, per axis.</param>
    /// <param name="writeBegin">First read-region voxel of the write region, per axis.</param>
    /// <param name="writeShape">Voxels of the write region per axis.</param>
    /// <param name="grid">The shift samples around the block.</param>
    /// <param name="aligned">Output, shape <paramref name="writeShape"/>.</param>
    /// <param name="field">Optional dense field output, <c>[3, *writeShape]</c> world units (empty for none).</param>
    public static void Apply(
        ReadOnlySpan<float> image,
        ReadOnlySpan<int> readShape,
        ReadOnlySpan<double> readOrigin,
        ReadOnlySpan<double> voxelSize,
        ReadOnlySpan<int> validBegin,
        ReadOnlySpan<int> validEnd,
        ReadOnlySpan<int> writeBegin,
        ReadOnlySpan<int> writeShape,
        in ShiftGrid grid,
        Span<byte> aligned,
        Span<float> field)
    {
        // Per axis and write index: the box-local lower grid sample and the weight of the upper one. The field is
        // separable in its weights, so the tables make the per-voxel work 8 multiply-adds per component.
        int tableLength = writeShape[0] + writeShape[1] + writeShape[2];
        var lowerTable = ArrayPool<int>.Shared.Rent(tableLength);
        var weightTable = ArrayPool<double>.Shared.Rent(tableLength);
        try
        {
            int start = 0;
            Span<int> tableStart = stackalloc int[Dims];
            for (int d = 0; d < Dims; d++)
            {
                tableStart[d] = start;
                FillAxisTable(d, readOrigin[d], voxelSize[d], writeBegin[d], writeShape[d], grid, lowerTable.AsSpan(start, writeShape[d]), weightTable.AsSpan(start, writeShape[d]));
                start += writeShape[d];
            }

            Resample(image, readShape, voxelSize, validBegin, validEnd, writeBegin, writeShape, grid, lowerTable, weightTable, tableStart, aligned, field);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lowerTable);
            ArrayPool<double>.Shared.Return(weightTable);
        }
    }

    private static void FillAxisTable(int axis, double readOrigin, double voxelSize, int writeBegin, int count, in ShiftGrid grid, Span<int> lower, Span<double> weight)
    {
        int last = grid.Total[axis] - 1;
        int boxLast = grid.Shape[axis] - 1;
        for (int w = 0; w < count; w++)
        {
            double centre = readOrigin + ((writeBegin + w + 0.5) * voxelSize);
            double position = Math.Clamp((centre - grid.FirstCentre[axis]) / grid.Spacing[axis], 0, last);
            int low = Math.Min((int)Math.Floor(position), Math.Max(last - 1, 0));
            double t = position - low;
            int local = Math.Clamp(low - grid.First[axis], 0, boxLast);
            lower[w] = local;
            weight[w] = local + 1 <= boxLast ? t : 0;
        }
    }

    private static void Resample(
        ReadOnlySpan<float> image,
        ReadOnlySpan<int> readShape,
        ReadOnlySpan<double> voxelSize,
        ReadOnlySpan<int> validBegin,
        ReadOnlySpan<int> validEnd,
        ReadOnlySpan<int> writeBegin,
        ReadOnlySpan<int> writeShape,
        in ShiftGrid grid,
        int[] lowerTable,
        double[] weightTable,
        ReadOnlySpan<int> tableStart,
        Span<byte> aligned,
        Span<float> field)
    {
        var g = grid.Components;
        int gy = grid.Shape[1];
        int gx = grid.Shape[2];
        int gridPlane = gy * gx;
        int gridSize = grid.Shape[0] * gridPlane;
        int strideZ = readShape[1] * readShape[2];
        int strideY = readShape[2];
        int writeSize = writeShape[0] * writeShape[1] * writeShape[2];
        double lowZ = validBegin[0], lowY = validBegin[1], lowX = validBegin[2];
        double highZ = validEnd[0] - 1, highY = validEnd[1] - 1, highX = validEnd[2] - 1;
        bool withField = !field.IsEmpty;
        Span<double> shift = stackalloc double[Dims];
        int output = 0;
        for (int z = 0; z < writeShape[0]; z++)
        {
            int z0 = lowerTable[tableStart[0] + z];
            double tz = weightTable[tableStart[0] + z];
            int z1 = tz > 0 ? z0 + 1 : z0;
            for (int y = 0; y < writeShape[1]; y++)
            {
                int y0 = lowerTable[tableStart[1] + y];
                double ty = weightTable[tableStart[1] + y];
                int y1 = ty > 0 ? y0 + 1 : y0;
                for (int x = 0; x < writeShape[2]; x++, output++)
                {
                    int x0 = lowerTable[tableStart[2] + x];
                    double tx = weightTable[tableStart[2] + x];
                    int x1 = tx > 0 ? x0 + 1 : x0;
                    for (int d = 0; d < Dims; d++)
                    {
                        var c = g.Slice(d * gridSize, gridSize);
                        double c00 = Lerp(c[(z0 * gridPlane) + (y0 * gx) + x0], c[(z0 * gridPlane) + (y0 * gx) + x1], tx);
                        double c01 = Lerp(c[(z0 * gridPlane) + (y1 * gx) + x0], c[(z0 * gridPlane) + (y1 * gx) + x1], tx);
                        double c10 = Lerp(c[(z1 * gridPlane) + (y0 * gx) + x0], c[(z1 * gridPlane) + (y0 * gx) + x1], tx);
                        double c11 = Lerp(c[(z1 * gridPlane) + (y1 * gx) + x0], c[(z1 * gridPlane) + (y1 * gx) + x1], tx);
                        shift[d] = Lerp(Lerp(c00, c01, ty), Lerp(c10, c11, ty), tz);
                        if (withField)
                        {
                            field[(d * writeSize) + output] = (float)shift[d];
                        }
                    }

                    double qz = writeBegin[0] + z - (shift[0] / voxelSize[0]);
                    double qy = writeBegin[1] + y - (shift[1] / voxelSize[1]);
                    double qx = writeBegin[2] + x - (shift[2] / voxelSize[2]);
                    if (qz < lowZ || qz > highZ || qy < lowY || qy > highY || qx < lowX || qx > highX)
                    {
                        aligned[output] = 0;
                        continue;
                    }

                    double value = Sample(image, qz, qy, qx, validEnd, strideZ, strideY);
                    aligned[output] = (byte)Math.Clamp(value * 255, 0, 255);
                }
            }
        }
    }

    /// <summary>Linear interpolation at (z, y, x), which lies inside the valid box; neighbours past its last voxel get weight 0.</summary>
    private static double Sample(ReadOnlySpan<float> image, double z, double y, double x, ReadOnlySpan<int> validEnd, int strideZ, int strideY)
    {
        int iz = (int)Math.Floor(z), iy = (int)Math.Floor(y), ix = (int)Math.Floor(x);
        double tz = z - iz, ty = y - iy, tx = x - ix;
        int jz = iz + 1 < validEnd[0] ? iz + 1 : iz;
        int jy = iy + 1 < validEnd[1] ? iy + 1 : iy;
        int jx = ix + 1 < validEnd[2] ? ix + 1 : ix;
        double c00 = Lerp(image[(iz * strideZ) + (iy * strideY) + ix], image[(iz * strideZ) + (iy * strideY) + jx], tx);
        double c01 = Lerp(image[(iz * strideZ) + (jy * strideY) + ix], image[(iz * strideZ) + (jy * strideY) + jx], tx);
        double c10 = Lerp(image[(jz * strideZ) + (iy * strideY) + ix], image[(jz * strideZ) + (iy * strideY) + jx], tx);
        double c11 = Lerp(image[(jz * strideZ) + (jy * strideY) + ix], image[(jz * strideZ) + (jy * strideY) + jx], tx);
        return Lerp(Lerp(c00, c01, ty), Lerp(c10, c11, ty), tz);
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
}
