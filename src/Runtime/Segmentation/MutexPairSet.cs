using System.Numerics;
using System.Runtime.CompilerServices;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// Open-addressing set of unordered (root, root) pairs packed into one 64-bit key. A pair whose endpoint stopped being
/// a root is never asked for again (queries always use current roots; a merged-away root never becomes one again), so
/// instead of removing keys on every merge, the set drops such stale keys whenever it fills up and grows only when
/// the live keys need the room: its size follows the mutexes between current clusters, not every mutex ever
/// recorded. The slots are scratch memory: dispose to return them.
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

    /// <summary>Number of slots; the set holds at most half as many keys.</summary>
    public int Capacity => _mask + 1;

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

    /// <summary>
    /// Adds the key; false when it was already there. <paramref name="parent"/> is the union-find forest the keys'
    /// endpoints live in (negative for a root): when the set is full, keys with an endpoint that is no root are dropped.
    /// </summary>
    public bool Add(ulong key, ReadOnlySpan<int> parent)
    {
        if (_count >= (_mask + 1) / 2)
        {
            Rebuild(parent);
        }

        return Insert(key);
    }

    private bool Insert(ulong key)
    {

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

    private void Rebuild(ReadOnlySpan<int> parent)
    {
        // One pass marks the stale keys in the old slots (which are dropped anyway), so each key's endpoints are looked
        // up once.
        var old = _slots;
        int live = 0;
        foreach (ref ulong key in old.Span)
        {
            if (key != Empty)
            {
                if (IsLive(key, parent))
                {
                    live++;
                }
                else
                {
                    key = Empty;
                }
            }
        }

        // Room for the live keys three times over, so a set that is mostly live does not rebuild again right away.
        int capacity = _mask + 1;
        while (live * 3 > capacity && capacity < (1 << 30))
        {
            capacity <<= 1;
        }

        _slots = Rent(capacity);
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _count = 0;
        foreach (ulong key in old.Span)
        {
            if (key != Empty)
            {
                Insert(key);
            }
        }

        old.Dispose();
    }

    private static bool IsLive(ulong key, ReadOnlySpan<int> parent) =>
        parent[(int)(key >> 32)] < 0 && parent[(int)(uint)key] < 0;
}
