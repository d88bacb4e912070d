using System.Runtime.CompilerServices;
using Volara.Runtime.Memory;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// The greedy state of the mutex watershed over dense node indices: a union-find forest (path halving; a root
/// stores its negated size) and the mutexes between clusters. Each root keeps a linked list of its mutex partners
/// (entries may name former roots and are resolved with <see cref="Find"/> when used) and every mutex is a key in
/// one hash set of root pairs. A merge keeps the root with more mutexes and re-keys only the other root's partners,
/// so each check is one hash probe and the re-keying work stays small. Seeded clusters carry a seed index; two
/// different seeds never merge, which stands in for mwatershed's all-pairs seed mutexes. The per-node arrays are
/// pooled: dispose to return them.
/// </summary>
internal sealed class MutexClustering : IDisposable
{
    private readonly ScratchBuffer<int> _parent;
    private readonly ScratchBuffer<int> _mutexCount;
    private readonly ScratchBuffer<int> _start;
    private readonly ScratchBuffer<int> _capacity;
    private readonly int[]? _seed;
    private readonly MutexPairSet _pairs;
    private readonly int _nodes;
    private ScratchBuffer<int> _arena;
    private int _used;

    /// <param name="nodes">Number of nodes.</param>
    /// <param name="seed">Per node: 0, or the 1-based index of its seed value (kept and updated for roots).</param>
    /// <param name="expectedMutexes">Capacity hint.</param>
    public MutexClustering(int nodes, int[]? seed, int expectedMutexes)
    {
        _nodes = nodes;
        _parent = ScratchMemory.Rent<int>(nodes);
        _mutexCount = ScratchMemory.RentCleared<int>(nodes);
        _start = ScratchMemory.Rent<int>(nodes);
        _capacity = ScratchMemory.RentCleared<int>(nodes);
        _parent.Span.Fill(-1);
        _seed = seed;
        _arena = ScratchMemory.Rent<int>(Math.Max(1024, expectedMutexes * 4));
        _pairs = new MutexPairSet(expectedMutexes);
    }

    public void Dispose()
    {
        _parent.Dispose();
        _mutexCount.Dispose();
        _start.Dispose();
        _capacity.Dispose();
        _arena.Dispose();
        _pairs.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int x)
    {
        ref int parent = ref _parent.Reference;
        while (true)
        {
            int p = Unsafe.Add(ref parent, x);
            if (p < 0)
            {
                return x;
            }

            int g = Unsafe.Add(ref parent, p);
            if (g < 0)
            {
                return p;
            }

            Unsafe.Add(ref parent, x) = g;
            x = g;
        }
    }

    /// <summary>Joins <c>root(a)</c> to <c>root(b)</c> without any check (seeds and starting merges).</summary>
    public void Join(int a, int b)
    {
        int ra = Find(a);
        int rb = Find(b);
        if (ra != rb)
        {
            Union(ra, rb);
        }
    }

    /// <summary>An attractive edge: merges the two clusters unless they are one already or a mutex separates them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Attract(int a, int b)
    {
        int ra = Find(a);
        int rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        ref int count = ref _mutexCount.Reference;
        if (Unsafe.Add(ref count, ra) != 0 && Unsafe.Add(ref count, rb) != 0 && _pairs.Contains(MutexPairSet.Key(ra, rb)))
        {
            return;
        }

        if (_seed is { } seed && seed[ra] != 0 && seed[rb] != 0 && seed[ra] != seed[rb])
        {
            return;
        }

        Union(ra, rb);
    }

    /// <summary>A repulsive edge: records a mutex between the two clusters unless they are one or already exclusive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Repel(int a, int b)
    {
        int ra = Find(a);
        int rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        if (_seed is { } seed && seed[ra] != 0 && seed[rb] != 0 && seed[ra] != seed[rb])
        {
            return;
        }

        if (_pairs.Add(MutexPairSet.Key(ra, rb), _parent.Span))
        {
            Append(ra, rb);
            Append(rb, ra);
        }
    }

    private void Union(int ra, int rb)
    {
        // The survivor is the root with more mutexes, so the shorter list is the one re-keyed; size breaks ties
        // (sizes are stored negated).
        int survivor, absorbed;
        int ca = _mutexCount[ra], cb = _mutexCount[rb];
        if (ca > cb || (ca == cb && _parent[ra] <= _parent[rb]))
        {
            survivor = ra;
            absorbed = rb;
        }
        else
        {
            survivor = rb;
            absorbed = ra;
        }

        _parent[survivor] += _parent[absorbed];
        _parent[absorbed] = survivor;
        if (_seed is { } seed && seed[survivor] == 0)
        {
            seed[survivor] = seed[absorbed];
        }

        if (_mutexCount[absorbed] != 0)
        {
            MoveMutexes(absorbed, survivor);
        }
    }

    private void MoveMutexes(int absorbed, int survivor)
    {
        // Room first, so that no compaction moves the absorbed list while it is read: the survivor's list at most
        // doubles twice on the way, hence four times its final length.
        long room = 4L * (_mutexCount[survivor] + _mutexCount[absorbed]);
        if (_used + room > _arena.Length)
        {
            Compact(room);
        }

        int start = _start[absorbed], end = start + _mutexCount[absorbed];
        _mutexCount[absorbed] = 0;
        _capacity[absorbed] = 0;
        for (int i = start; i < end; i++)
        {
            int partner = Find(_arena[i]);
            if (partner != survivor && _pairs.Add(MutexPairSet.Key(survivor, partner), _parent.Span))
            {
                Append(survivor, partner); // may move the arena, so entries are read by index
            }
        }
    }

    private void Append(int root, int partner)
    {
        int count = _mutexCount[root];
        if (count == _capacity[root])
        {
            int capacity = Math.Max(4, count * 2);
            if (_used + capacity > _arena.Length)
            {
                Compact(capacity);
            }

            if (count > 0)
            {
                _arena.Span.Slice(_start[root], count).CopyTo(_arena.Span.Slice(_used, count));
            }

            _start[root] = _used;
            _capacity[root] = capacity;
            _used += capacity;
        }

        _arena[_start[root] + count] = partner;
        _mutexCount[root] = count + 1;
    }

    /// <summary>
    /// Copies the lists, each with its capacity, into a new arena with as much free room again plus
    /// <paramref name="room"/>. Relocated and absorbed lists leave holes behind; without this the arena would grow
    /// with every mutex ever recorded rather than with the lists that are live.
    /// </summary>
    private void Compact(long room)
    {
        long live = 0;
        for (int node = 0; node < _nodes; node++)
        {
            live += _mutexCount[node] == 0 ? 0 : _capacity[node];
        }

        var compacted = ScratchMemory.Rent<int>(checked((int)Math.Max(1024, (2 * live) + room)));
        var source = _arena.Span;
        var target = compacted.Span;
        int used = 0;
        for (int node = 0; node < _nodes; node++)
        {
            int count = _mutexCount[node];
            if (count == 0)
            {
                _capacity[node] = 0;
                continue;
            }

            source.Slice(_start[node], count).CopyTo(target[used..]);
            _start[node] = used;
            used += _capacity[node];
        }

        _arena.Dispose();
        _arena = compacted;
        _used = used;
    }

    /// <summary>Number of nodes.</summary>
    public int Nodes => _nodes;
}
