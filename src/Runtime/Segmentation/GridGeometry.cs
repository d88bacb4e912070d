using Volara.Runtime.Geometry;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// The voxel grid of one mutex watershed call: C-order strides, and per channel the linear offset of its
/// neighbour, the box of voxels whose neighbour is inside, and its edge stride.
/// </summary>
internal sealed class GridGeometry
{
    public GridGeometry(ReadOnlySpan<int> shape, IReadOnlyList<Coordinate> offsets, MutexWatershedOptions? options)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        if (shape.Length is < 1 or > Coordinate.MaxDims)
        {
            throw new ArgumentException($"shape must have 1 to {Coordinate.MaxDims} axes, got {shape.Length}", nameof(shape));
        }

        Dims = shape.Length;
        Shape = shape.ToArray();
        LinearStrides = new int[Dims];
        long voxels = 1;
        for (int d = Dims - 1; d >= 0; d--)
        {
            if (shape[d] < 0)
            {
                throw new ArgumentException($"shape axis {d} is negative ({shape[d]})", nameof(shape));
            }

            LinearStrides[d] = (int)Math.Min(voxels, int.MaxValue);
            voxels *= shape[d];
            if (voxels > int.MaxValue)
            {
                throw new ArgumentException($"shape ({string.Join(", ", Shape)}) has more than {int.MaxValue} voxels", nameof(shape));
            }
        }

        Voxels = (int)voxels;
        Channels = offsets.Count;
        var strides = options?.Strides;
        if (strides is not null && strides.Count != Channels)
        {
            throw new ArgumentException($"strides has {strides.Count} entries but there are {Channels} offsets", nameof(options));
        }

        Offsets = new int[Channels][];
        EdgeStrides = new int[Channels][];
        Lower = new int[Channels][];
        Upper = new int[Channels][];
        Deltas = new int[Channels];
        KeepThresholds = new ulong[Channels];
        for (int k = 0; k < Channels; k++)
        {
            var offset = offsets[k];
            if (offset.Dims != Dims)
            {
                throw new ArgumentException($"offset {k} {offset} has {offset.Dims} axes but the shape has {Dims}", nameof(offsets));
            }

            Offsets[k] = new int[Dims];
            EdgeStrides[k] = new int[Dims];
            Lower[k] = new int[Dims];
            Upper[k] = new int[Dims];
            long product = 1;
            for (int d = 0; d < Dims; d++)
            {
                long o = offset.ValueAt(d);
                int step = strides is null ? 1 : checked((int)strides[k].ValueAt(d));
                if (strides is not null && strides[k].Dims != Dims)
                {
                    throw new ArgumentException($"stride {k} {strides[k]} has {strides[k].Dims} axes but the shape has {Dims}", nameof(options));
                }

                if (step < 1)
                {
                    throw new ArgumentException($"stride {k} {strides![k]} must be at least 1 on every axis", nameof(options));
                }

                o = Math.Clamp(o, -(long)Shape[d], Shape[d]);
                Offsets[k][d] = (int)o;
                EdgeStrides[k][d] = step;
                Lower[k][d] = (int)Math.Max(0, -o);
                Upper[k][d] = (int)Math.Min(Shape[d], Shape[d] - o);
                Deltas[k] += (int)o * LinearStrides[d];
                product *= step;
            }

            // Randomized strides keep an edge when its hash is below this (every edge when the stride is 1).
            KeepThresholds[k] = product == 1 ? ulong.MaxValue : ulong.MaxValue / (ulong)product;
        }

        Randomized = options?.RandomizedStrides ?? false;
        RandomSeed = options?.RandomSeed ?? 0;
    }

    public int Dims { get; }

    public int[] Shape { get; }

    public int[] LinearStrides { get; }

    public int Voxels { get; }

    public int Channels { get; }

    public int[][] Offsets { get; }

    public int[][] EdgeStrides { get; }

    public int[][] Lower { get; }

    public int[][] Upper { get; }

    public int[] Deltas { get; }

    public ulong[] KeepThresholds { get; }

    public bool Randomized { get; }

    public ulong RandomSeed { get; }

    /// <summary>
    /// Whether randomized strides keep edge (k, p): SplitMix64's finalizer of
    /// <c>seed + 0x9E3779B97F4A7C15 · (1 + k·voxels + p)</c> is below <c>2^64 / prod(stride_k)</c>.
    /// </summary>
    public static bool Keep(ulong seed, int channel, int voxels, int p, ulong threshold)
    {
        ulong z = seed + (0x9E3779B97F4A7C15UL * (1UL + ((ulong)channel * (ulong)voxels) + (ulong)p));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z < threshold || threshold == ulong.MaxValue;
    }

    /// <summary>Calls the visitor for every selected voxel p of channel k, in C order.</summary>
    public void ForEachEdge<TVisitor>(int k, ref TVisitor visitor)
        where TVisitor : IEdgeVisitor, allows ref struct
    {
        var lower = Lower[k];
        var upper = Upper[k];
        for (int d = 0; d < Dims; d++)
        {
            if (lower[d] >= upper[d])
            {
                return;
            }
        }

        bool randomized = Randomized && KeepThresholds[k] != ulong.MaxValue;
        var steps = randomized ? new int[Dims] : EdgeStrides[k];
        if (randomized)
        {
            Array.Fill(steps, 1);
        }

        ulong threshold = KeepThresholds[k];
        int last = Dims - 1;
        int innerLower = lower[last], innerUpper = upper[last], innerStep = steps[last];
        Span<int> position = stackalloc int[Dims];
        for (int d = 0; d < Dims; d++)
        {
            position[d] = lower[d];
        }

        while (true)
        {
            int rowStart = 0;
            for (int d = 0; d < last; d++)
            {
                rowStart += position[d] * LinearStrides[d];
            }

            if (randomized)
            {
                for (int x = innerLower; x < innerUpper; x++)
                {
                    int p = rowStart + x;
                    if (Keep(RandomSeed, k, Voxels, p, threshold))
                    {
                        visitor.Visit(p);
                    }
                }
            }
            else
            {
                for (int x = innerLower; x < innerUpper; x += innerStep)
                {
                    visitor.Visit(rowStart + x);
                }
            }

            // Odometer over the outer axes.
            int axis = last - 1;
            while (axis >= 0)
            {
                position[axis] += steps[axis];
                if (position[axis] < upper[axis])
                {
                    break;
                }

                position[axis] = lower[axis];
                axis--;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }
}

/// <summary>Receives the selected voxels of one channel (a ref struct, so the generic loop is specialised and inlines it).</summary>
internal interface IEdgeVisitor
{
    void Visit(int p);
}
