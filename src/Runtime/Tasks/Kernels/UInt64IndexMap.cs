using System.Runtime.CompilerServices;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// Open-addressing map from non-zero 64-bit keys to dense indices 0, 1, 2… in order of first insertion. Faster than
/// <see cref="Dictionary{TKey,TValue}"/> for the per-voxel look-ups of the kernels (no comparer, no entries).
/// </summary>
public sealed class UInt64IndexMap
{
    private ulong[] keys;
    private int[] values;
    private int mask;

    public UInt64IndexMap(int expected = 256)
    {
        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(expected, 1) * 2));
        keys = new ulong[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        Keys = new List<ulong>(Math.Max(expected, 1));
    }

    /// <summary>The keys in insertion order: key i has index i.</summary>
    public List<ulong> Keys { get; }

    public int Count => Keys.Count;

    /// <summary>The index of <paramref name="key"/> (≠ 0), adding it with the next index when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ulong key)
    {
        int slot = Slot(key);
        while (true)
        {
            ulong stored = keys[slot];
            if (stored == key)
            {
                return values[slot];
            }

            if (stored == 0)
            {
                return Add(slot, key);
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The index of <paramref name="key"/>, or -1.</summary>
    public int IndexOf(ulong key)
    {
        int slot = Slot(key);
        while (true)
        {
            ulong stored = keys[slot];
            if (stored == key)
            {
                return values[slot];
            }

            if (stored == 0)
            {
                return -1;
            }

            slot = (slot + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private int Add(int slot, ulong key)
    {
        if (key == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(key), "0 marks empty slots and cannot be a key");
        }

        int index = Keys.Count;
        Keys.Add(key);
        keys[slot] = key;
        values[slot] = index;
        if (Keys.Count * 2 > keys.Length)
        {
            Grow();
        }

        return index;
    }

    private void Grow()
    {
        var oldKeys = keys;
        var oldValues = values;
        keys = new ulong[oldKeys.Length * 2];
        values = new int[oldKeys.Length * 2];
        mask = keys.Length - 1;
        for (int i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] != 0)
            {
                int slot = Slot(oldKeys[i]);
                while (keys[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
