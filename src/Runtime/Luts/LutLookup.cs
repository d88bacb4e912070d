using System.Runtime.CompilerServices;

namespace Volara.Runtime.Luts;

/// <summary>
/// A look-up table prepared for relabelling: an open-addressing hash map (linear probing, load ≤ 1/2,
/// Fibonacci hashing) over exact 64-bit ids. Fragments of a block come in long runs of one id, so
/// <see cref="Map"/> reuses the previous answer while the id repeats. Ids not in the table map to themselves.
/// Immutable once built: one instance serves every worker thread.
/// </summary>
public sealed class LutLookup
{
    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private readonly ulong[] keys;
    private readonly ulong[] values;
    private readonly ulong emptyKey;
    private readonly int shift;
    private readonly int mask;

    private LutLookup(ulong[] keys, ulong[] values, ulong emptyKey, int shift, int count)
    {
        this.keys = keys;
        this.values = values;
        this.emptyKey = emptyKey;
        this.shift = shift;
        mask = keys.Length - 1;
        Count = count;
    }

    /// <summary>Number of distinct fragment ids in the table.</summary>
    public int Count { get; }

    /// <summary>Builds the map; where a fragment appears twice, the later column wins (as a Python dict would).</summary>
    public static LutLookup Build(FragmentSegmentLut lut)
    {
        ArgumentNullException.ThrowIfNull(lut);
        int capacity = 8;
        while (capacity < 2L * lut.Count)
        {
            capacity *= 2;
        }

        ulong emptyKey = UnusedKey(lut.Fragments);
        var keys = new ulong[capacity];
        var values = new ulong[capacity];
        keys.AsSpan().Fill(emptyKey);
        int shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        int mask = capacity - 1;
        int count = 0;
        for (int i = 0; i < lut.Count; i++)
        {
            ulong key = lut.Fragments[i];
            int slot = (int)((key * Fibonacci) >> shift);
            while (keys[slot] != emptyKey && keys[slot] != key)
            {
                slot = (slot + 1) & mask;
            }

            if (keys[slot] == emptyKey)
            {
                keys[slot] = key;
                count++;
            }

            values[slot] = lut.Segments[i];
        }

        return new LutLookup(keys, values, emptyKey, shift, count);
    }

    /// <summary>The segment of <paramref name="fragment"/>, or the fragment itself when the table does not list it.</summary>
    public ulong this[ulong fragment]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var keys = this.keys;
            int slot = (int)((fragment * Fibonacci) >> shift);
            while (true)
            {
                ulong key = keys[slot];
                if (key == fragment)
                {
                    return values[slot];
                }

                if (key == emptyKey)
                {
                    return fragment;
                }

                slot = (slot + 1) & mask;
            }
        }
    }

    /// <summary>Maps every id of <paramref name="fragments"/> into <paramref name="segments"/> (may be the same memory).</summary>
    public void Map(ReadOnlySpan<ulong> fragments, Span<ulong> segments)
    {
        if (segments.Length < fragments.Length)
        {
            throw new ArgumentException($"the output holds {segments.Length} ids, the input {fragments.Length}", nameof(segments));
        }

        if (Count == 0)
        {
            fragments.CopyTo(segments);
            return;
        }

        ulong previous = 0, mapped = this[0];
        for (int i = 0; i < fragments.Length; i++)
        {
            ulong fragment = fragments[i];
            if (fragment != previous)
            {
                previous = fragment;
                mapped = this[fragment];
            }

            segments[i] = mapped;
        }
    }

    // The empty-slot marker must not be a fragment id; ulong.MaxValue nearly never is.
    private static ulong UnusedKey(ulong[] fragments)
    {
        for (ulong candidate = ulong.MaxValue; ; candidate--)
        {
            if (Array.IndexOf(fragments, candidate) < 0)
            {
                return candidate;
            }
        }
    }
}
