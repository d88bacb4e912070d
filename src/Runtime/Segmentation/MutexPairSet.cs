using System.Runtime.CompilerServices;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// Open-addressing set of unordered (root, root) pairs packed into one 64-bit key. There is no removal: a pair whose
/// endpoint stopped being a root is never asked for again (queries always use current roots), so stale keys are
/// only dead weight, and re-keyed copies are inserted instead.
/// </summary>
internal sealed class MutexPairSet
{
    private const ulong Empty = ulong.MaxValue;
    private ulong[] _slots;
    private int _shift;
    private int _count;
    private int _growAt;

    public MutexPairSet(int expected)
    {
        int capacity = 1024;
        while (capacity < expected * 2 && capacity < (1 << 30))
        {
            capacity <<= 1;
        }

        _slots = new ulong[capacity];
        Array.Fill(_slots, Empty);
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _growAt = capacity / 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(int a, int b) =>
        a < b ? ((ulong)(uint)a << 32) | (uint)b : ((ulong)(uint)b << 32) | (uint)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong key)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            ulong current = slots[i];
            if (current == key)
            {
                return true;
            }

            if (current == Empty)
            {
                return false;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Adds the key; false when it was already there.</summary>
    public bool Add(ulong key)
    {
        if (_count >= _growAt)
        {
            Grow();
        }

        var slots = _slots;
        int mask = slots.Length - 1;
        int i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            ulong current = slots[i];
            if (current == key)
            {
                return false;
            }

            if (current == Empty)
            {
                slots[i] = key;
                _count++;
                return true;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        Array.Fill(_slots, Empty);
        _shift--;
        _growAt = _slots.Length / 2;
        _count = 0;
        foreach (var key in old)
        {
            if (key != Empty)
            {
                Add(key);
            }
        }
    }
}
