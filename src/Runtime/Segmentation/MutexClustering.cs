using System.Runtime.CompilerServices;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// The greedy state of the mutex watershed over dense node indices: a union-find forest (path halving) and the
/// mutexes between clusters. Each root keeps a linked list of its mutex partners (entries may name former roots and
/// are resolved with <see cref="Find"/> when used) and every mutex is a key in one hash set of root pairs. A merge
/// keeps the root with more mutexes and re-keys only the other root's partners, so each check is one hash probe
/// and the re-keying work stays small. Seeded clusters carry a seed index; two different seeds never merge, which
/// stands in for mwatershed's all-pairs seed mutexes.
/// </summary>
internal sealed class MutexClustering
{
    private readonly int[] _parent;
    private readonly int[] _size;
    private readonly int[] _mutexCount;
    private readonly int[] _head;
    private readonly int[] _tail;
    private readonly int[]? _seed;
    private readonly MutexPairSet _pairs;
    private int[] _next;
    private int[] _value;
    private int _used;

    /// <param name="nodes">Number of nodes.</param>
    /// <param name="seed">Per node: 0, or the 1-based index of its seed value (kept and updated for roots).</param>
    /// <param name="expectedMutexes">Capacity hint.</param>
    public MutexClustering(int nodes, int[]? seed, int expectedMutexes)
    {
        _parent = new int[nodes];
        for (int i = 0; i < nodes; i++)
        {
            _parent[i] = i;
        }

        _size = new int[nodes];
        Array.Fill(_size, 1);
        _mutexCount = new int[nodes];
        _head = new int[nodes];
        _tail = new int[nodes];
        Array.Fill(_head, -1);
        _seed = seed;
        int capacity = Math.Max(1024, expectedMutexes * 2);
        _next = new int[capacity];
        _value = new int[capacity];
        _pairs = new MutexPairSet(expectedMutexes);
    }

    /// <summary>Cluster sizes by root (valid for roots only).</summary>
    public int[] Sizes => _size;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int x)
    {
        var parent = _parent;
        while (true)
        {
            int p = parent[x];
            if (p == x)
            {
                return x;
            }

            int g = parent[p];
            parent[x] = g;
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

        if (_mutexCount[ra] != 0 && _mutexCount[rb] != 0 && _pairs.Contains(MutexPairSet.Key(ra, rb)))
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
            Append(ra, rb);
            Append(rb, ra);
        }
    }

    private void Union(int ra, int rb)
    {
        // The survivor is the root with more mutexes, so the shorter list is the one re-keyed; size breaks ties.
        int survivor, absorbed;
        if (_mutexCount[ra] > _mutexCount[rb] || (_mutexCount[ra] == _mutexCount[rb] && _size[ra] >= _size[rb]))
        {
            survivor = ra;
            absorbed = rb;
        }
        else
        {
            survivor = rb;
            absorbed = ra;
        }

        _parent[absorbed] = survivor;
        _size[survivor] += _size[absorbed];
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
        int keptHead = -1, keptTail = -1;
        while (node >= 0)
        {
            int next = _next[node];
            int partner = Find(_value[node]);
            if (partner != survivor && _pairs.Add(MutexPairSet.Key(survivor, partner)))
            {
                _value[node] = partner;
                _next[node] = -1;
                if (keptTail >= 0)
                {
                    _next[keptTail] = node;
                }
                else
                {
                    keptHead = node;
                }

                keptTail = node;
                kept++;
            }

            node = next;
        }

        _head[absorbed] = -1;
        _mutexCount[absorbed] = 0;
        if (kept == 0)
        {
            return;
        }

        if (_head[survivor] < 0)
        {
            _head[survivor] = keptHead;
        }
        else
        {
            _next[_tail[survivor]] = keptHead;
        }

        _tail[survivor] = keptTail;
        _mutexCount[survivor] += kept;
    }

    private void Append(int root, int partner)
    {
        if (_used == _next.Length)
        {
            Array.Resize(ref _next, _used * 2);
            Array.Resize(ref _value, _used * 2);
        }

        int node = _used++;
        _value[node] = partner;
        _next[node] = -1;
        if (_head[root] < 0)
        {
            _head[root] = node;
        }
        else
        {
            _next[_tail[root]] = node;
        }

        _tail[root] = node;
        _mutexCount[root]++;
    }
}
