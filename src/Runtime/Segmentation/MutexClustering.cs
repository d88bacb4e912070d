using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    private readonly int[] _parent;
    private readonly int[] _mutexCount;
    private readonly int[] _head;
    private readonly int[]? _seed;
    private readonly MutexPairSet _pairs;
    private readonly int _nodes;
    private int[] _next;
    private int[] _value;
    private int _used;

    /// <param name="nodes">Number of nodes.</param>
    /// <param name="seed">Per node: 0, or the 1-based index of its seed value (kept and updated for roots).</param>
    /// <param name="expectedMutexes">Capacity hint.</param>
    public MutexClustering(int nodes, int[]? seed, int expectedMutexes)
    {
        _nodes = nodes;
        _parent = ArrayPool<int>.Shared.Rent(Math.Max(1, nodes));
        _mutexCount = ArrayPool<int>.Shared.Rent(Math.Max(1, nodes));
        _head = ArrayPool<int>.Shared.Rent(Math.Max(1, nodes));
        _parent.AsSpan(0, nodes).Fill(-1);
        _mutexCount.AsSpan(0, nodes).Clear();
        _head.AsSpan(0, nodes).Fill(-1);
        _seed = seed;
        int capacity = Math.Max(1024, expectedMutexes * 2);
        _next = ArrayPool<int>.Shared.Rent(capacity);
        _value = ArrayPool<int>.Shared.Rent(capacity);
        _pairs = new MutexPairSet(expectedMutexes);
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_parent);
        ArrayPool<int>.Shared.Return(_mutexCount);
        ArrayPool<int>.Shared.Return(_head);
        ArrayPool<int>.Shared.Return(_next);
        ArrayPool<int>.Shared.Return(_value);
        _pairs.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int x)
    {
        ref int parent = ref MemoryMarshal.GetArrayDataReference(_parent);
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

        ref int count = ref MemoryMarshal.GetArrayDataReference(_mutexCount);
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

        if (_pairs.Add(MutexPairSet.Key(ra, rb)))
        {
            Prepend(ra, rb);
            Prepend(rb, ra);
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
        int node = _head[absorbed];
        int kept = 0;
        int head = _head[survivor];
        while (node >= 0)
        {
            int next = _next[node];
            int partner = Find(_value[node]);
            if (partner != survivor && _pairs.Add(MutexPairSet.Key(survivor, partner)))
            {
                _value[node] = partner;
                _next[node] = head;
                head = node;
                kept++;
            }

            node = next;
        }

        _head[survivor] = head;
        _head[absorbed] = -1;
        _mutexCount[absorbed] = 0;
        _mutexCount[survivor] += kept;
    }

    private void Prepend(int root, int partner)
    {
        if (_used == _next.Length)
        {
            _next = Grow(_next, _used);
            _value = Grow(_value, _used);
        }

        int node = _used++;
        _value[node] = partner;
        _next[node] = _head[root];
        _head[root] = node;
        _mutexCount[root]++;
    }

    private static int[] Grow(int[] array, int used)
    {
        var larger = ArrayPool<int>.Shared.Rent(used * 2);
        array.AsSpan(0, used).CopyTo(larger);
        ArrayPool<int>.Shared.Return(array);
        return larger;
    }

    /// <summary>Number of nodes.</summary>
    public int Nodes => _nodes;
}
