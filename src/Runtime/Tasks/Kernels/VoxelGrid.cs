using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// A dense C-order grid of voxels (the spatial part of a block): its shape, strides and the rows of voxels p for
/// which p + offset is inside too — the pairs an affinity channel describes.
/// </summary>
public sealed class VoxelGrid
{
    private readonly int[] shape;
    private readonly long[] strides;

    public VoxelGrid(ReadOnlySpan<int> shape)
    {
        if (shape.IsEmpty || shape.Length > Coordinate.MaxDims)
        {
            throw new ArgumentException($"a voxel grid needs 1 to {Coordinate.MaxDims} axes, got {shape.Length}", nameof(shape));
        }

        this.shape = shape.ToArray();
        strides = new long[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] < 0)
            {
                throw new ArgumentException($"axis {d} has negative length {shape[d]}", nameof(shape));
            }

            strides[d] = stride;
            stride *= shape[d];
        }

        VoxelCount = checked((int)stride);
    }

    /// <summary>The grid of a long-valued shape (e.g. a ROI's shape in voxels).</summary>
    public static VoxelGrid Of(Coordinate shape)
    {
        Span<int> lengths = stackalloc int[shape.Dims];
        for (int d = 0; d < shape.Dims; d++)
        {
            lengths[d] = checked((int)shape.ValueAt(d));
        }

        return new VoxelGrid(lengths);
    }

    public int Dims => shape.Length;

    public int VoxelCount { get; }

    public ReadOnlySpan<int> Shape => shape;

    public long Stride(int axis) => strides[axis];

    /// <summary>The linear distance from p to p + <paramref name="offset"/>.</summary>
    public long LinearDelta(Coordinate offset)
    {
        RequireDims(offset);
        long delta = 0;
        for (int d = 0; d < Dims; d++)
        {
            delta += offset.ValueAt(d) * strides[d];
        }

        return delta;
    }

    /// <summary>
    /// The rows (maximal runs along the last axis) of voxels p with p and p + <paramref name="offset"/> both inside,
    /// in C order. Every row shares the linear delta <see cref="LinearDelta"/>.
    /// </summary>
    public OffsetRows RowsFor(Coordinate offset)
    {
        RequireDims(offset);
        var low = new int[Dims];
        var high = new int[Dims];
        for (int d = 0; d < Dims; d++)
        {
            long o = offset.ValueAt(d);
            low[d] = (int)Math.Clamp(-o, 0, shape[d]);
            high[d] = (int)Math.Clamp(shape[d] - o, 0, shape[d]);
        }

        return new OffsetRows(this, low, high);
    }

    private void RequireDims(Coordinate offset)
    {
        if (offset.Dims != Dims)
        {
            throw new ArgumentException($"offset {offset} has {offset.Dims} axes, the grid has {Dims}", nameof(offset));
        }
    }

    /// <summary>Enumerates (start, length) of the valid rows of one offset; <see cref="IsEmpty"/> when there are none.</summary>
    public struct OffsetRows
    {
        private readonly VoxelGrid grid;
        private readonly int[] low;
        private readonly int[] high;
        private readonly int[] index;
        private bool started;

        internal OffsetRows(VoxelGrid grid, int[] low, int[] high)
        {
            this.grid = grid;
            this.low = low;
            this.high = high;
            index = (int[])low.Clone();
            started = false;
            IsEmpty = false;
            for (int d = 0; d < low.Length; d++)
            {
                IsEmpty |= low[d] >= high[d];
            }
        }

        public bool IsEmpty { get; }

        /// <summary>Linear index of the first voxel of the current row.</summary>
        public long Start { get; private set; }

        /// <summary>Voxels in every row.</summary>
        public int Length => high[^1] - low[^1];

        public bool MoveNext()
        {
            if (IsEmpty)
            {
                return false;
            }

            if (started)
            {
                // Advance the outer axes like an odometer; the last axis is the row itself.
                int d = index.Length - 2;
                for (; d >= 0; d--)
                {
                    if (++index[d] < high[d])
                    {
                        break;
                    }

                    index[d] = low[d];
                }

                if (d < 0)
                {
                    return false;
                }
            }

            started = true;
            long start = 0;
            for (int a = 0; a < index.Length; a++)
            {
                start += index[a] * grid.strides[a];
            }

            Start = start;
            return true;
        }
    }
}
