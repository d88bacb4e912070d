using Volara.Runtime.Geometry;

namespace Volara.Runtime.Registration;

/// <summary>
/// The samples of a coarse shift grid (ComputeShift's output, one sample per block at the block's centre) that linear
/// interpolation over a write region needs, clamped to the grid. The <c>…3</c> views pad to three axes.
/// </summary>
internal sealed class GridBox
{
    private GridBox(int dims)
    {
        Shape = new int[dims];
        Shape3 = [1, 1, 1];
        First3 = new int[3];
        Total3 = [1, 1, 1];
        FirstCentre3 = [0.5, 0.5, 0.5];
        Spacing3 = [1, 1, 1];
    }

    /// <summary>The box in world units (spatial axes of the grid array).</summary>
    public Roi Roi { get; private set; }

    public int[] Shape { get; }

    public int[] Shape3 { get; }

    public int[] First3 { get; }

    public int[] Total3 { get; }

    public double[] FirstCentre3 { get; }

    public double[] Spacing3 { get; }

    /// <summary>The samples of a grid (world region <paramref name="grid"/>, one sample per <paramref name="spacing"/>) around a write region.</summary>
    public static GridBox Around(Roi writeRoi, Roi grid, Coordinate spacing, int dims)
    {
        var box = new GridBox(dims);
        var first = new long[dims];
        var size = new long[dims];
        for (int d = 0; d < dims; d++)
        {
            int p = d + 3 - dims;
            int total = checked((int)(grid.Shape.ValueAt(d) / spacing.ValueAt(d)));
            double step = spacing.ValueAt(d);
            double origin = grid.Offset.ValueAt(d);
            double low = ((writeRoi.Offset.ValueAt(d) - origin) / step) - 0.5;
            double high = ((writeRoi.End.ValueAt(d) - origin) / step) - 0.5;
            int lo = Math.Clamp((int)Math.Floor(low), 0, total - 1);
            int hi = Math.Clamp((int)Math.Floor(high) + 1, 0, total - 1);
            box.Shape[d] = box.Shape3[p] = hi - lo + 1;
            box.First3[p] = lo;
            box.Total3[p] = total;
            box.FirstCentre3[p] = origin + (0.5 * step);
            box.Spacing3[p] = step;
            first[d] = grid.Offset.ValueAt(d) + (lo * spacing.ValueAt(d));
            size[d] = box.Shape[d] * spacing.ValueAt(d);
        }

        box.Roi = new Roi(new Coordinate(first), new Coordinate(size));
        return box;
    }

    /// <summary>
    /// One channel's components <c>[3, *Shape]</c> (z, y, x; missing leading axes zero) from its <c>[dims, *Shape]</c>
    /// samples, with every sample that has a component beyond <paramref name="threshold"/> set to zero.
    /// </summary>
    public void Components(ReadOnlySpan<float> samples, int dims, double? threshold, Span<float> target)
    {
        int count = samples.Length / dims;
        target[..((3 - dims) * count)].Clear();
        samples.CopyTo(target[((3 - dims) * count)..]);
        if (threshold is not { } limit)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            bool beyond = false;
            for (int d = 0; d < dims; d++)
            {
                beyond |= Math.Abs(samples[(d * count) + i]) > limit;
            }

            if (beyond)
            {
                for (int d = 0; d < 3; d++)
                {
                    target[(d * count) + i] = 0;
                }
            }
        }
    }
}
