using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// The voxel-grid mutex watershed behind <see cref="MutexWatershed"/>.Agglomerate. Two passes over the affinities:
/// the first counts the edges and marks the voxels that touch an attractive edge, the second writes only the edges
/// that matter (repulsive edges of background voxels can never change the result and are dropped). uint8 input is
/// sorted by a counting sort over its 256 × channels possible weights, float input by a radix sort on the weight bits.
/// </summary>
internal static class GridAgglomeration
{
    public static int Run(ReadOnlySpan<byte> affinities, GridGeometry grid, ReadOnlySpan<double> bias, Span<ulong> labels, ReadOnlySpan<ulong> seeds)
    {
        int n = grid.Voxels, channels = grid.Channels;
        CheckSizes(affinities.Length, grid, bias, labels, seeds);
        if (n == 0)
        {
            return 0;
        }

        // Every (channel, value) pair is one bucket; buckets are ranked in processing order.
        int bucketCount = channels * 256;
        var weights = new float[bucketCount];
        var order = new int[bucketCount];
        for (int k = 0; k < channels; k++)
        {
            double b = bias.IsEmpty ? 0 : bias[k];
            for (int a = 0; a < 256; a++)
            {
                weights[(k * 256) + a] = (float)((a / 255f) + b);
                order[(k * 256) + a] = (k * 256) + a;
            }
        }

        Array.Sort(order, (x, y) => CompareBuckets(weights, x, y));
        var rankOf = new int[bucketCount];
        var attractive = new bool[bucketCount];
        for (int r = 0; r < bucketCount; r++)
        {
            rankOf[order[r]] = r;
        }

        for (int i = 0; i < bucketCount; i++)
        {
            attractive[i] = weights[i] > 0;
        }

        var positions = new int[channels][];
        for (int k = 0; k < channels; k++)
        {
            positions[k] = grid.IsRandomized(k) ? grid.RandomizedPositions(k) : [];
        }

        using var keepBuffer = ScratchMemory.RentCleared<byte>(n);
        var keep = keepBuffer.Span;
        var counts = new int[bucketCount];
        for (int k = 0; k < channels; k++)
        {
            var pass = new BytePass(affinities.Slice(k * n, n), rankOf, attractive, k, grid.Deltas[k], keep);
            if (grid.IsRandomized(k))
            {
                foreach (int p in positions[k])
                {
                    pass.Count(p, counts);
                }
            }
            else
            {
                var rows = new GridRows(grid, k, everyPosition: false);
                int first = rows.First, end = rows.End, step = rows.Step;
                while (rows.MoveNext())
                {
                    for (int p = rows.Start + first, last = rows.Start + end; p < last; p += step)
                    {
                        pass.Count(p, counts);
                    }
                }
            }
        }

        var seedState = SeedState.Create(seeds, keep);
        long total = 0;
        var starts = new int[bucketCount];
        for (int r = 0; r < bucketCount; r++)
        {
            starts[r] = (int)total;
            total += counts[r];
        }

        var cursor = (int[])starts.Clone();
        using var clustering = seedState.CreateClustering(n);
        var edgeBuffer = ScratchMemory.Rent<int>((int)total);
        try
        {
            var edgeArray = edgeBuffer.Span;
            for (int k = 0; k < channels; k++)
            {
                var pass = new BytePass(affinities.Slice(k * n, n), rankOf, attractive, k, grid.Deltas[k], keep);
                if (grid.IsRandomized(k))
                {
                    foreach (int p in positions[k])
                    {
                        pass.Write(p, cursor, edgeArray);
                    }
                }
                else
                {
                    var rows = new GridRows(grid, k, everyPosition: false);
                    int first = rows.First, end = rows.End, step = rows.Step;
                    while (rows.MoveNext())
                    {
                        for (int p = rows.Start + first, last = rows.Start + end; p < last; p += step)
                        {
                            pass.Write(p, cursor, edgeArray);
                        }
                    }
                }
            }

            ref int edges = ref edgeBuffer.Reference;
            for (int r = 0; r < bucketCount; r++)
            {
                int bucket = order[r];
                int delta = grid.Deltas[bucket >> 8];
                int end = cursor[r];
                if (attractive[bucket])
                {
                    for (int i = starts[r]; i < end; i++)
                    {
                        int p = Unsafe.Add(ref edges, i);
                        clustering.Attract(p, p + delta);
                    }
                }
                else
                {
                    for (int i = starts[r]; i < end; i++)
                    {
                        int p = Unsafe.Add(ref edges, i);
                        clustering.Repel(p, p + delta);
                    }
                }
            }
        }
        finally
        {
            edgeBuffer.Dispose();
        }

        return seedState.WriteLabels(clustering, keep, labels);
    }

    public static int Run(ReadOnlySpan<float> affinities, GridGeometry grid, ReadOnlySpan<double> bias, Span<ulong> labels, ReadOnlySpan<ulong> seeds)
    {
        int n = grid.Voxels, channels = grid.Channels;
        CheckSizes(affinities.Length, grid, bias, labels, seeds);
        if (n == 0)
        {
            return 0;
        }

        int positionBits = Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)(n - 1)));
        int channelBits = Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)Math.Max(1, channels - 1)));
        if (positionBits + channelBits > 32)
        {
            throw new ArgumentException($"{channels} channels × {n} voxels is too large for one mutex watershed call; split the volume into blocks");
        }

        using var keepBuffer = ScratchMemory.RentCleared<byte>(n);
        var keep = keepBuffer.Span;
        long total = 0;
        for (int k = 0; k < channels; k++)
        {
            var counter = new FloatCounter(affinities.Slice(k * n, n), bias.IsEmpty ? 0 : bias[k], keep, grid.Deltas[k]);
            grid.ForEachEdge(k, ref counter);
            total += counter.Count;
        }

        var seedState = SeedState.Create(seeds, keep);
        using var itemBuffer = ScratchMemory.Rent<ulong>((int)total);
        var items = itemBuffer.Span;
        int written = 0;
        for (int k = 0; k < channels; k++)
        {
            var writer = new FloatWriter(affinities.Slice(k * n, n), bias.IsEmpty ? 0 : bias[k], keep, grid.Deltas[k], (uint)k << positionBits, items, written);
            grid.ForEachEdge(k, ref writer);
            written = writer.Written;
        }

        using var scratch = ScratchMemory.Rent<ulong>(written);
        var sorted = EdgeRadixSort.SortByHighWord(items[..written], scratch.Span);
        using var clustering = seedState.CreateClustering(n);
        uint positionMask = (uint)((1UL << positionBits) - 1);
        var deltas = grid.Deltas;
        foreach (ulong item in sorted)
        {
            uint payload = (uint)item;
            int p = (int)(payload & positionMask);
            int q = p + deltas[(int)(payload >> positionBits)];
            if ((item & (1UL << 32)) == 0)
            {
                clustering.Attract(p, q);
            }
            else
            {
                clustering.Repel(p, q);
            }
        }

        return seedState.WriteLabels(clustering, keep, labels);
    }

    /// <summary>
    /// Sort key of a weight: ascending key = |w| descending, attractive before repulsive at equal |w|
    /// (bit 0 set for repulsive).
    /// </summary>
    internal static uint SortKey(float weight)
    {
        uint magnitude = BitConverter.SingleToUInt32Bits(weight) & 0x7FFFFFFF;
        return ((0x7FFFFFFFu - magnitude) << 1) | (weight > 0 ? 0u : 1u);
    }

    private static int CompareBuckets(float[] weights, int x, int y)
    {
        int byKey = SortKey(weights[x]).CompareTo(SortKey(weights[y]));
        return byKey != 0 ? byKey : x.CompareTo(y); // channel ascending (bucket = channel·256 + value)
    }

    private static void CheckSizes(int affinityCount, GridGeometry grid, ReadOnlySpan<double> bias, Span<ulong> labels, ReadOnlySpan<ulong> seeds)
    {
        if ((long)affinityCount != (long)grid.Channels * grid.Voxels)
        {
            throw new ArgumentException($"affinities hold {affinityCount} values but {grid.Channels} channels × {grid.Voxels} voxels are expected", "affinities");
        }

        if (!bias.IsEmpty && bias.Length != grid.Channels)
        {
            throw new ArgumentException($"bias has {bias.Length} values but there are {grid.Channels} offsets", nameof(bias));
        }

        foreach (double b in bias)
        {
            if (!double.IsFinite(b))
            {
                throw new ArgumentException($"bias holds a non-finite value ({b})", nameof(bias));
            }
        }

        if (labels.Length != grid.Voxels)
        {
            throw new ArgumentException($"labels hold {labels.Length} voxels but the shape has {grid.Voxels}", nameof(labels));
        }

        if (!seeds.IsEmpty && seeds.Length != grid.Voxels)
        {
            throw new ArgumentException($"seeds hold {seeds.Length} voxels but the shape has {grid.Voxels}", nameof(seeds));
        }
    }

    /// <summary>One channel of uint8 affinities: its plane, the buckets of its 256 values and its neighbour offset.</summary>
    private readonly ref struct BytePass
    {
        private readonly ref byte _plane;
        private readonly ref int _rank;
        private readonly ref bool _attractive;
        private readonly ref byte _keep;
        private readonly int _delta;

        public BytePass(ReadOnlySpan<byte> plane, int[] rankOf, bool[] attractive, int channel, int delta, Span<byte> keep)
        {
            _plane = ref MemoryMarshal.GetReference(plane);
            _rank = ref rankOf[channel * 256];
            _attractive = ref attractive[channel * 256];
            _keep = ref MemoryMarshal.GetReference(keep);
            _delta = delta;
        }

        /// <summary>Counts edge (p, p + delta) in its bucket and marks both ends when it attracts.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Count(int p, int[] counts)
        {
            byte a = Unsafe.Add(ref _plane, p);
            counts[Unsafe.Add(ref _rank, a)]++;
            if (Unsafe.Add(ref _attractive, a))
            {
                Unsafe.Add(ref _keep, p) = 1;
                Unsafe.Add(ref _keep, p + _delta) = 1;
            }
        }

        /// <summary>Writes p into its bucket unless it is a repulsive edge of a background voxel.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(int p, int[] cursor, Span<int> edges)
        {
            byte a = Unsafe.Add(ref _plane, p);
            if (!Unsafe.Add(ref _attractive, a) && (Unsafe.Add(ref _keep, p) == 0 || Unsafe.Add(ref _keep, p + _delta) == 0))
            {
                return;
            }

            edges[cursor[Unsafe.Add(ref _rank, a)]++] = p;
        }
    }

    private ref struct FloatCounter(ReadOnlySpan<float> plane, double bias, Span<byte> keep, int delta) : IEdgeVisitor
    {
        private readonly ReadOnlySpan<float> _plane = plane;
        private readonly Span<byte> _keep = keep;

        public long Count { get; private set; }

        public void Visit(int p)
        {
            Count++;
            float w = (float)(_plane[p] + bias);
            if (float.IsNaN(w))
            {
                throw new ArgumentException($"affinity at voxel {p} is NaN", "affinities");
            }

            if (w > 0)
            {
                _keep[p] = 1;
                _keep[p + delta] = 1;
            }
        }
    }

    private ref struct FloatWriter(ReadOnlySpan<float> plane, double bias, ReadOnlySpan<byte> keep, int delta, uint channelBits, Span<ulong> items, int written) : IEdgeVisitor
    {
        private readonly Span<ulong> _items = items;
        private readonly ReadOnlySpan<float> _plane = plane;
        private readonly ReadOnlySpan<byte> _keep = keep;

        public int Written { get; private set; } = written;

        public void Visit(int p)
        {
            float w = (float)(_plane[p] + bias);
            if (w <= 0 && (_keep[p] == 0 || _keep[p + delta] == 0))
            {
                return;
            }

            _items[Written++] = ((ulong)SortKey(w) << 32) | channelBits | (uint)p;
        }
    }
}
