using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// Per fragment pair and channel slot: the sum and count of affinity samples. Pairs are numbered in order of first
/// sample. A block with few fragments (the usual case) finds a pair's number in a direct table indexed by the two
/// dense ids; otherwise in an open-addressing map keyed by the packed pair. Dispose to return the pooled table.
/// </summary>
internal sealed class PairAccumulator : IDisposable
{
    /// <summary>Largest dense id count served by the direct table (its size is the square: up to 256 KiB of ints, so it stays in cache).</summary>
    private const int MaxDirectIds = 256;

    private readonly int slots;
    private readonly UInt64IndexMap? map;
    private readonly List<ulong> keys = [];
    private readonly int[]? direct;
    private readonly int stride;
    // Slot-major (one array per channel slot): a channel is scanned at a time, so its sums stay in cache.
    private readonly double[][] sums;
    private readonly long[][] counts;
    private double[] slotSums;
    private long[] slotCounts;
    private int capacity = 256;
    private ulong lastKey;
    private int lastPair = -1;

    /// <param name="slots">Channel slots per pair.</param>
    /// <param name="denseIds">The largest dense fragment id of the block.</param>
    public PairAccumulator(int slots, int denseIds)
    {
        this.slots = slots;
        sums = new double[slots][];
        counts = new long[slots][];
        for (int slot = 0; slot < slots; slot++)
        {
            sums[slot] = new double[capacity];
            counts[slot] = new long[capacity];
        }

        slotSums = slots > 0 ? sums[0] : [];
        slotCounts = slots > 0 ? counts[0] : [];
        if (denseIds < MaxDirectIds)
        {
            stride = denseIds + 1;
            direct = ArrayPool<int>.Shared.Rent(stride * stride);
            direct.AsSpan(0, stride * stride).Clear();
        }
        else
        {
            map = new UInt64IndexMap();
        }
    }

    private int PairCount => map?.Count ?? keys.Count;

    /// <summary>Directs the following <see cref="Add"/> calls to channel slot <paramref name="slot"/>.</summary>
    public void BeginSlot(int slot)
    {
        slotSums = sums[slot];
        slotCounts = counts[slot];
    }

    /// <summary>Adds <paramref name="count"/> samples summing to <paramref name="sum"/> to pair <paramref name="key"/> (lower id in the high word) in the current slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key, double sum, int count)
    {
        // Boundaries run along rows, so consecutive samples often belong to the same pair.
        int pair = key == lastKey ? lastPair : Lookup(key);
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slotSums), pair) += sum;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slotCounts), pair) += count;
    }

    public void Dispose()
    {
        if (direct is not null)
        {
            ArrayPool<int>.Shared.Return(direct);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Lookup(ulong key)
    {
        int pair;
        if (direct is not null)
        {
            ref int entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(direct), ((int)(key >> 32) * stride) + (int)(uint)key);
            pair = entry - 1;
            if (pair < 0)
            {
                pair = keys.Count;
                keys.Add(key);
                entry = pair + 1;
                EnsureCapacity(pair);
            }
        }
        else
        {
            pair = map!.GetOrAdd(key);
            EnsureCapacity(pair);
        }

        lastKey = key;
        lastPair = pair;
        return pair;
    }

    private void EnsureCapacity(int pair)
    {
        if (pair < capacity)
        {
            return;
        }

        capacity *= 2;
        for (int slot = 0; slot < slots; slot++)
        {
            bool current = ReferenceEquals(slotSums, sums[slot]);
            Array.Resize(ref sums[slot], capacity);
            Array.Resize(ref counts[slot], capacity);
            if (current)
            {
                slotSums = sums[slot];
                slotCounts = counts[slot];
            }
        }
    }

    /// <summary>The edges, sorted by (u, v) of the original ids (dense id i + 1 is <paramref name="originalIds"/>[i]).</summary>
    public FragmentEdges ToEdges(List<ulong> originalIds, IReadOnlyList<IReadOnlyList<int>> scoreChannels, Dictionary<int, int> slotOfChannel, double scale)
    {
        int count = PairCount;
        var pairKeys = map?.Keys ?? keys;

        // Ranking the few distinct ids makes a packed pair of ranks sort like the pair of original ids.
        var sortedIds = originalIds.ToArray();
        var denseOfRank = new uint[sortedIds.Length];
        for (int i = 0; i < denseOfRank.Length; i++)
        {
            denseOfRank[i] = (uint)i + 1;
        }

        Array.Sort(sortedIds, denseOfRank);
        var rankOfDense = new uint[sortedIds.Length + 1];
        for (int rank = 0; rank < denseOfRank.Length; rank++)
        {
            rankOfDense[denseOfRank[rank]] = (uint)rank;
        }

        var order = new ulong[count];
        var pairs = new int[count];
        for (int pair = 0; pair < count; pair++)
        {
            ulong key = pairKeys[pair];
            uint first = rankOfDense[(int)(key >> 32)], second = rankOfDense[(int)(uint)key];
            order[pair] = first < second ? ((ulong)first << 32) | second : ((ulong)second << 32) | first;
            pairs[pair] = pair;
        }

        Array.Sort(order, pairs);

        // Pool each score's slots pair by pair (sequential), then read the pools in edge order.
        int scoreCount = scoreChannels.Count;
        var poolSums = new double[scoreCount][];
        var poolCounts = new long[scoreCount][];
        for (int score = 0; score < scoreCount; score++)
        {
            poolSums[score] = new double[count];
            poolCounts[score] = new long[count];
            foreach (int channel in scoreChannels[score])
            {
                int slot = slotOfChannel[channel];
                var slotSumsOfScore = sums[slot];
                var slotCountsOfScore = counts[slot];
                for (int pair = 0; pair < count; pair++)
                {
                    poolSums[score][pair] += slotSumsOfScore[pair];
                    poolCounts[score][pair] += slotCountsOfScore[pair];
                }
            }
        }

        var u = new ulong[count];
        var v = new ulong[count];
        var scores = new double[count * scoreCount];
        for (int edge = 0; edge < count; edge++)
        {
            u[edge] = sortedIds[(int)(order[edge] >> 32)];
            v[edge] = sortedIds[(int)(uint)order[edge]];
            int pair = pairs[edge];
            for (int score = 0; score < scoreCount; score++)
            {
                long total = poolCounts[score][pair];
                scores[(edge * scoreCount) + score] = total > 0 ? poolSums[score][pair] / total * scale : double.NaN;
            }
        }

        return new FragmentEdges(u, v, scores, scoreCount);
    }
}
