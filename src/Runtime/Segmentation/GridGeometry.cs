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
        StrideProducts = new long[Channels];
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

            StrideProducts[k] = product;
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

    public long[] StrideProducts { get; }

    public bool Randomized { get; }

    public ulong RandomSeed { get; }

    /// <summary>Whether channel k's edges are drawn at random (randomized strides with a stride product above 1).</summary>
    public bool IsRandomized(int k) => Randomized && StrideProducts[k] > 1;

    /// <summary>
    /// The voxels of channel k kept by randomized strides, in C order: the box's positions are walked in C order
    /// and the gaps between kept ones are geometric with success probability 1 / prod(stride_k), drawn by
    /// inversion (<c>floor(ln u / ln(1 − 1/prod))</c>) from SplitMix64 outputs u of the stream
    /// <c>state = seed + 0x9E3779B97F4A7C15·(k + 1)</c> — so each edge is kept independently with that probability,
    /// the same seed keeps the same edges, and only kept edges cost a draw.
    /// </summary>
    public int[] RandomizedPositions(int k)
    {
        long product = StrideProducts[k];
        var kept = new List<int>();
        var rows = new GridRows(this, k, everyPosition: true);
        double logMiss = Math.Log(1.0 - (1.0 / product));
        ulong state = RandomSeed + (0x9E3779B97F4A7C15UL * (ulong)(k + 1));
        long skip = NextGap(ref state, logMiss);
        int length = rows.Count;
        while (rows.MoveNext())
        {
            int rowStart = rows.Start + rows.First;
            while (skip < length)
            {
                kept.Add(rowStart + (int)skip);
                skip += 1 + NextGap(ref state, logMiss);
            }

            skip -= length;
        }

        return [.. kept];
    }

    private static long NextGap(ref ulong state, double logMiss)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        double u = ((z >> 11) + 1) * (1.0 / (1UL << 53));
        double gap = Math.Floor(Math.Log(u) / logMiss);
        return gap < int.MaxValue ? (long)gap : int.MaxValue;
    }

    /// <summary>Calls the visitor for every selected voxel p of channel k, in C order.</summary>
    public void ForEachEdge<TVisitor>(int k, ref TVisitor visitor)
        where TVisitor : IEdgeVisitor, allows ref struct
    {
        if (IsRandomized(k))
        {
            foreach (int p in RandomizedPositions(k))
            {
                visitor.Visit(p);
            }

            return;
        }

        var rows = new GridRows(this, k, everyPosition: false);
        int first = rows.First, end = rows.End, step = rows.Step;
        while (rows.MoveNext())
        {
            int rowStart = rows.Start;
            for (int x = first; x < end; x += step)
            {
                visitor.Visit(rowStart + x);
            }
        }
    }
}

/// <summary>Receives the selected voxels of one channel (a ref struct, so the generic loop is specialised and inlines it).</summary>
internal interface IEdgeVisitor
{
    void Visit(int p);
}
