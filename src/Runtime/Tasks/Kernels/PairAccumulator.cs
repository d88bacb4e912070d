using System.Runtime.CompilerServices;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>Per fragment pair and channel slot: the sum and count of affinity samples.</summary>
internal sealed class PairAccumulator
{
    private readonly int slots;
    private readonly UInt64IndexMap pairs = new();
    private double[] sums;
    private long[] counts;
    private ulong lastKey;
    private int lastPair = -1;

    public PairAccumulator(int slots)
    {
        this.slots = slots;
        sums = new double[Math.Max(slots, 1) * 64];
        counts = new long[sums.Length];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key, int slot, double sum, int count)
    {
        // Boundaries run along rows, so consecutive samples often belong to the same pair.
        int pair = key == lastKey ? lastPair : Lookup(key);
        int at = (pair * slots) + slot;
        sums[at] += sum;
        counts[at] += count;
    }

    private int Lookup(ulong key)
    {
        int pair = pairs.GetOrAdd(key);
        if ((pair + 1) * slots > sums.Length)
        {
            Array.Resize(ref sums, sums.Length * 2);
            Array.Resize(ref counts, counts.Length * 2);
        }

        lastKey = key;
        lastPair = pair;
        return pair;
    }

    public FragmentEdges ToEdges(List<ulong> originalIds, IReadOnlyList<IReadOnlyList<int>> scoreChannels, Dictionary<int, int> slotOfChannel, double scale)
    {
        int count = pairs.Count;
        var order = new (ulong U, ulong V, int Pair)[count];
        for (int pair = 0; pair < count; pair++)
        {
            ulong key = pairs.Keys[pair];
            ulong first = originalIds[(int)(key >> 32) - 1];
            ulong second = originalIds[(int)(uint)key - 1];
            order[pair] = first < second ? (first, second, pair) : (second, first, pair);
        }

        Array.Sort(order, (x, y) => x.U != y.U ? x.U.CompareTo(y.U) : x.V.CompareTo(y.V));
        int scoreCount = scoreChannels.Count;
        var u = new ulong[count];
        var v = new ulong[count];
        var scores = new double[count * scoreCount];
        for (int edge = 0; edge < count; edge++)
        {
            (u[edge], v[edge], int pair) = order[edge];
            for (int score = 0; score < scoreCount; score++)
            {
                double sum = 0;
                long total = 0;
                foreach (int channel in scoreChannels[score])
                {
                    int at = (pair * slots) + slotOfChannel[channel];
                    sum += sums[at];
                    total += counts[at];
                }

                scores[(edge * scoreCount) + score] = total > 0 ? sum / total * scale : double.NaN;
            }
        }

        return new FragmentEdges(u, v, scores, scoreCount);
    }
}
