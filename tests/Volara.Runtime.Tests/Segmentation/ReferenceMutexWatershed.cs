using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Segmentation;

/// <summary>
/// A deliberately plain mutex watershed written from the algorithm's description, to check the fast one against:
/// all edges listed with their coordinates, a LINQ stable sort, background filtering by removal, clusters as
/// explicit member lists and mutexes as a set of cluster pairs rewritten on every merge.
/// </summary>
internal static class ReferenceMutexWatershed
{
    internal sealed record Edge(int U, int V, float Weight, int Channel, int Position);

    /// <summary>Grid edges in enumeration order (channel, then C-order position) with the documented selection.</summary>
    public static List<Edge> GridEdges(Func<int, int, float> weightOf, int[] shape, IReadOnlyList<Coordinate> offsets, IReadOnlyList<Coordinate>? strides, bool randomized, ulong seed)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var edges = new List<Edge>();
        for (int k = 0; k < offsets.Count; k++)
        {
            long product = 1;
            for (int d = 0; d < shape.Length; d++)
            {
                product *= strides?[k].ValueAt(d) ?? 1;
            }

            var candidates = new List<(int P, int Q, bool OnGrid)>();
            for (int p = 0; p < n; p++)
            {
                var coordinate = Unravel(p, shape);
                bool inside = true, onGrid = true;
                int q = 0;
                for (int d = 0; d < shape.Length; d++)
                {
                    int o = (int)offsets[k].ValueAt(d);
                    int target = coordinate[d] + o;
                    inside &= target >= 0 && target < shape[d];
                    int first = Math.Max(0, -o);
                    int step = (int)(strides?[k].ValueAt(d) ?? 1);
                    onGrid &= (coordinate[d] - first) % step == 0;
                    q = (q * shape[d]) + target;
                }

                if (inside)
                {
                    candidates.Add((p, q, onGrid));
                }
            }

            if (randomized && product > 1)
            {
                // The documented draw: geometric gaps between kept candidates (C order) from a SplitMix64 stream.
                ulong state = seed + (0x9E3779B97F4A7C15UL * (ulong)(k + 1));
                double logMiss = Math.Log(1.0 - (1.0 / product));
                for (long i = Gap(ref state, logMiss); i < candidates.Count; i += 1 + Gap(ref state, logMiss))
                {
                    var (p, q, _) = candidates[(int)i];
                    edges.Add(new Edge(p, q, weightOf(k, p), k, p));
                }
            }
            else
            {
                foreach (var (p, q, _) in candidates.Where(c => c.OnGrid))
                {
                    edges.Add(new Edge(p, q, weightOf(k, p), k, p));
                }
            }
        }

        return edges;
    }

    private static long Gap(ref ulong state, double logMiss)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        double u = ((z >> 11) + 1) * (1.0 / (1UL << 53));
        return (long)Math.Min(Math.Floor(Math.Log(u) / logMiss), int.MaxValue);
    }

    /// <summary>Labels with the documented id rule: seeds keep their value, others 1, 2, … in C order skipping seed values, background 0.</summary>
    public static ulong[] Agglomerate(int voxels, List<Edge> edges, ulong[]? seeds)
    {
        var seeded = new bool[voxels];
        if (seeds is not null)
        {
            for (int p = 0; p < voxels; p++)
            {
                seeded[p] = seeds[p] != 0;
            }
        }

        var kept = new bool[voxels];
        foreach (var e in edges.Where(e => e.Weight > 0))
        {
            kept[e.U] = kept[e.V] = true;
        }

        for (int p = 0; p < voxels; p++)
        {
            kept[p] |= seeded[p];
        }

        // The documented total order: |w| descending, attractive first, channel, then position.
        var ordered = edges
            .Where(e => kept[e.U] && kept[e.V])
            .OrderByDescending(e => Math.Abs(e.Weight))
            .ThenBy(e => e.Weight > 0 ? 0 : 1)
            .ThenBy(e => e.Channel)
            .ThenBy(e => e.Position)
            .ToList();

        var cluster = Enumerable.Range(0, voxels).ToArray();
        var mutex = new HashSet<(int, int)>();
        if (seeds is not null)
        {
            var firstOf = new Dictionary<ulong, int>();
            for (int p = 0; p < voxels; p++)
            {
                if (seeds[p] == 0)
                {
                    continue;
                }

                if (firstOf.TryGetValue(seeds[p], out int first))
                {
                    Merge(cluster, mutex, cluster[first], cluster[p]);
                }
                else
                {
                    firstOf[seeds[p]] = p;
                }
            }

            // mwatershed: a mutex between every pair of distinct seeds, before all other edges.
            var firsts = firstOf.Values.ToList();
            foreach (int a in firsts)
            {
                foreach (int b in firsts.Where(b => b != a))
                {
                    mutex.Add(Pair(cluster[a], cluster[b]));
                }
            }
        }

        foreach (var e in ordered)
        {
            int a = cluster[e.U], b = cluster[e.V];
            if (a == b || mutex.Contains(Pair(a, b)))
            {
                continue;
            }

            if (e.Weight > 0)
            {
                Merge(cluster, mutex, a, b);
            }
            else
            {
                mutex.Add(Pair(a, b));
            }
        }

        var labels = new ulong[voxels];
        var seedValues = seeds?.Where(s => s != 0).ToHashSet() ?? [];
        var assigned = new Dictionary<int, ulong>();
        ulong next = 1;
        for (int p = 0; p < voxels; p++)
        {
            if (!kept[p])
            {
                continue;
            }

            int c = cluster[p];
            if (!assigned.TryGetValue(c, out ulong label))
            {
                var seedValue = Enumerable.Range(0, voxels).Where(x => cluster[x] == c && seeds is not null && seeds[x] != 0).Select(x => seeds![x]).FirstOrDefault();
                if (seedValue != 0)
                {
                    label = seedValue;
                }
                else
                {
                    while (seedValues.Contains(next))
                    {
                        next++;
                    }

                    label = next++;
                }

                assigned[c] = label;
            }

            labels[p] = label;
        }

        return labels;
    }

    /// <summary>Graph clustering over edges in processing order: fragment → smallest member id of its cluster.</summary>
    public static Dictionary<ulong, ulong> Cluster(IEnumerable<(ulong U, ulong V, bool Attractive)> edges)
    {
        var list = edges.ToList();
        var nodes = list.SelectMany(e => new[] { e.U, e.V }).Distinct().ToList();
        var index = nodes.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var cluster = Enumerable.Range(0, nodes.Count).ToArray();
        var mutex = new HashSet<(int, int)>();
        foreach (var (u, v, attractive) in list)
        {
            int a = cluster[index[u]], b = cluster[index[v]];
            if (a == b || mutex.Contains(Pair(a, b)))
            {
                continue;
            }

            if (attractive)
            {
                Merge(cluster, mutex, a, b);
            }
            else
            {
                mutex.Add(Pair(a, b));
            }
        }

        return nodes.ToDictionary(
            id => id,
            id => nodes.Where(other => cluster[index[other]] == cluster[index[id]]).Min());
    }

    private static void Merge(int[] cluster, HashSet<(int, int)> mutex, int keep, int absorb)
    {
        for (int i = 0; i < cluster.Length; i++)
        {
            if (cluster[i] == absorb)
            {
                cluster[i] = keep;
            }
        }

        foreach (var (x, y) in mutex.ToList())
        {
            if (x == absorb || y == absorb)
            {
                mutex.Remove((x, y));
                mutex.Add(Pair(x == absorb ? keep : x, y == absorb ? keep : y));
            }
        }
    }

    private static (int, int) Pair(int a, int b) => a < b ? (a, b) : (b, a);

    public static int[] Unravel(int p, int[] shape)
    {
        var coordinate = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            coordinate[d] = p % shape[d];
            p /= shape[d];
        }

        return coordinate;
    }
}
