using System.Numerics;
using System.Runtime.CompilerServices;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// Open-addressing set of unordered (root, root) pairs packed into one 64-bit key. There is no removal: a pair whose
/// endpoint stopped being a root is never asked for again (queries always use current roots), so stale keys are
/// only dead weight, and re-keyed copies are inserted instead. The slots are scratch memory: dispose to return them.
/// </summary>
internal sealed class MutexPairSet : IDisposable
{
    private const ulong Empty = ulong.MaxValue;
    private ScratchBuffer<ulong> _slots;
    private int _mask;
    private int _shift;
    private int _count;

    public MutexPairSet(int expected)
    {
        int capacity = 1024;
        while (capacity < expected * 2 && capacity < (1 << 30))
        {
            capacity <<= 1;
        }

        _slots = Rent(capacity);
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public void Dispose() => _slots.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(int a, int b) =>
        a < b ? ((ulong)(uint)a << 32) | (uint)b : ((ulong)(uint)b << 32) | (uint)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong key)
    {
        ref ulong slots = ref _slots.Reference;
        int i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            ulong current = Unsafe.Add(ref slots, i);
            if (current == key)
            {
                return true;
            }

            if (current == Empty)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds the key; false when it was already there.</summary>
    public bool Add(ulong key)
    {
        if (_count >= (_mask + 1) / 2)
        {
            Grow();
        }

        ref ulong slots = ref _slots.Reference;
        int i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            ref ulong slot = ref Unsafe.Add(ref slots, i);
            if (slot == key)
            {
                return false;
            }

            if (slot == Empty)
            {
                slot = key;
                _count++;
                return true;
            }

            i = (i + 1) & _mask;
        }
    }

    private static ScratchBuffer<ulong> Rent(int capacity)
    {
        var slots = ScratchMemory.Rent<ulong>(capacity);
        slots.Span.Fill(Empty);
        return slots;
    }

    private void Grow()
    {
        var old = _slots;
        int oldCapacity = _mask + 1;
        _slots = Rent(oldCapacity * 2);
        _mask = (oldCapacity * 2) - 1;
        _shift--;
        _count = 0;
        foreach (ulong key in old.Span)
        {
            if (key != Empty)
            {
                Add(key);
            }
        }

        old.Dispose();
    }
}
