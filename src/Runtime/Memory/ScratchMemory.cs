using System.Numerics;

namespace Volara.Runtime.Memory;

/// <summary>
/// Block-sized scratch memory for the kernels (watershed edge lists, union-find forests, block read and write
/// buffers), shared by the threads of one process. It is what keeps a worker's memory flat over thousands of blocks:
/// <list type="bullet">
/// <item>Memory comes from the operating system in whole pages and goes back to it when released, so the resident
/// size follows what is live instead of what was ever used.</item>
/// <item>Returned buffers are kept for reuse, which makes equal-sized blocks allocation-free after the first one.</item>
/// <item>The engine calls <see cref="ReleaseIdle"/> after every block: buffers that no block asked for since the
/// previous call are freed, so a border block's odd sizes do not pile up.</item>
/// <item>Before new pages are taken, idle buffers are freed until what is held (handed out and idle) stays within
/// the most the blocks in flight have needed at once — a growing table's outgrown sizes are not kept beside it.</item>
/// </list>
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/> is the wrong tool for such buffers: it caches an array per size
/// bucket per thread plus several per core, trims only under memory pressure, and so holds gigabytes once a worker has
/// seen blocks of a few sizes on a few threads.
/// </summary>
public static unsafe class ScratchMemory
{
    // Sizes are rounded up to one of eight steps per power of two, so nearly equal requests share blocks.
    private const int StepsPerOctave = 8;

    // A free block serves a request only if it is at most this many times larger.
    private const int MaxOversize = 2;

    private static readonly Lock Gate = new();
    private static readonly List<ScratchBlock> Idle = [];
    private static long _epoch;
    private static long _rentedBytes;
    private static long _idleBytes;
    private static long _rentedPeakThisEpoch;
    private static long _rentedPeakPreviousEpoch;
    private static long _heldPeak;

    /// <summary>Bytes held for reuse (returned, not yet released).</summary>
    public static long IdleBytes
    {
        get
        {
            lock (Gate)
            {
                return _idleBytes;
            }
        }
    }

    /// <summary>The most scratch memory this process has held at once (handed out and idle), in bytes.</summary>
    public static long PeakHeldBytes
    {
        get
        {
            lock (Gate)
            {
                return _heldPeak;
            }
        }
    }

    /// <summary>Rents room for <paramref name="length"/> elements; the contents are undefined.</summary>
    public static ScratchBuffer<T> Rent<T>(int length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        nuint bytes = checked((nuint)length * (nuint)sizeof(T));
        return new ScratchBuffer<T>(Take(bytes), length);
    }

    /// <summary>Rents room for <paramref name="length"/> elements, all zero.</summary>
    public static ScratchBuffer<T> RentCleared<T>(int length)
        where T : unmanaged
    {
        var buffer = Rent<T>(length);
        buffer.Span.Clear();
        return buffer;
    }

    /// <summary>
    /// Frees every idle buffer that nobody rented since the previous call. The engine calls this after each block,
    /// so memory kept for reuse is bounded by what the blocks in flight need.
    /// </summary>
    public static void ReleaseIdle()
    {
        List<ScratchBlock>? released = null;
        lock (Gate)
        {
            for (int i = Idle.Count - 1; i >= 0; i--)
            {
                var block = Idle[i];
                if (block.LastEpoch < _epoch)
                {
                    (released ??= []).Add(block);
                    Idle.RemoveAt(i);
                    _idleBytes -= (long)block.Capacity;
                }
            }

            _epoch++;
            _rentedPeakPreviousEpoch = _rentedPeakThisEpoch;
            _rentedPeakThisEpoch = _rentedBytes;
        }

        Free(released);
    }

    private static void Free(List<ScratchBlock>? blocks)
    {
        if (blocks is null)
        {
            return;
        }

        foreach (var block in blocks)
        {
            PageMemory.Free(block.Address, block.Capacity);
            GC.SuppressFinalize(block);
        }
    }

    internal static void Return(ScratchBlock block)
    {
        lock (Gate)
        {
            if (!block.Rented)
            {
                throw new InvalidOperationException("a scratch buffer was returned twice");
            }

            block.Rented = false;
            _rentedBytes -= (long)block.Capacity;
            _idleBytes += (long)block.Capacity;
            Idle.Add(block);
        }
    }

    /// <summary>Frees the pages of a block whose buffer was dropped without being returned.</summary>
    internal static void Abandon(ScratchBlock block)
    {
        lock (Gate)
        {
            block.Rented = false;
            _rentedBytes -= (long)block.Capacity;
        }

        PageMemory.Free(block.Address, block.Capacity);
    }

    private static ScratchBlock Take(nuint bytes)
    {
        nuint capacity = SizeClass(bytes);
        List<ScratchBlock>? released = null;
        lock (Gate)
        {
            int best = -1;
            for (int i = 0; i < Idle.Count; i++)
            {
                nuint candidate = Idle[i].Capacity;
                if (candidate >= capacity && candidate / MaxOversize <= capacity && (best < 0 || candidate < Idle[best].Capacity))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var reused = Idle[best];
                Idle.RemoveAt(best);
                _idleBytes -= (long)reused.Capacity;
                return Hand(reused);
            }

            // New pages are needed: first give back idle blocks that would lift the total above what the blocks in
            // flight have needed at once, largest first (a growing table's outgrown sizes go here).
            long limit = Math.Max(Math.Max(_rentedPeakPreviousEpoch, _rentedPeakThisEpoch), _rentedBytes + (long)capacity);
            while (Idle.Count > 0 && _rentedBytes + _idleBytes + (long)capacity > limit)
            {
                int largest = 0;
                for (int i = 1; i < Idle.Count; i++)
                {
                    if (Idle[i].Capacity > Idle[largest].Capacity)
                    {
                        largest = i;
                    }
                }

                (released ??= []).Add(Idle[largest]);
                _idleBytes -= (long)Idle[largest].Capacity;
                Idle.RemoveAt(largest);
            }
        }

        Free(released);
        var block = new ScratchBlock(PageMemory.Allocate(capacity), capacity);
        lock (Gate)
        {
            return Hand(block);
        }
    }

    private static ScratchBlock Hand(ScratchBlock block)
    {
        block.Rented = true;
        block.LastEpoch = _epoch;
        _rentedBytes += (long)block.Capacity;
        _rentedPeakThisEpoch = Math.Max(_rentedPeakThisEpoch, _rentedBytes);
        _heldPeak = Math.Max(_heldPeak, _rentedBytes + _idleBytes);
        return block;
    }

    /// <summary>The capacity handed out for a request: whole pages, one of eight steps per power of two.</summary>
    internal static nuint SizeClass(nuint bytes)
    {
        nuint page = PageMemory.PageSize;
        nuint pages = Math.Max(1, (bytes + page - 1) / page);
        int octave = BitOperations.Log2((ulong)pages);
        nuint step = Math.Max(1, ((nuint)1 << octave) / StepsPerOctave);
        return (pages + step - 1) / step * step * page;
    }
}
