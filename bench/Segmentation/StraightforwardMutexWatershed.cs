using Volara.Runtime.Geometry;

namespace Volara.Bench.Segmentation;

/// <summary>
/// The peer: a plain mutex watershed as one would first write it (the way mwatershed is built): every edge
/// materialised as a struct, a comparison sort, union-find with path compression and union by size, and one
/// HashSet of partner roots per cluster, the smaller set merged into the larger on union with partners re-pointed.
/// Same edge selection, weights, tie order and id rule as the library, so both outputs must be equal.
/// </summary>
public static class StraightforwardMutexWatershed
{
    private readonly record struct Edge(float Weight, int Channel, int P, int Q);

    public static ulong[] Run(byte[] affinities, int[] shape, IReadOnlyList<Coordinate> offsets, double[] bias, IReadOnlyList<Coordinate> strides, bool randomized, ulong seed)
    {
        int n = shape[0] * shape[1] * shape[2];
        var edges = new List<Edge>();
        var hasAttractive = new bool[n];
        for (int k = 0; k < offsets.Count; k++)
        {
            int oz = (int)offsets[k].ValueAt(0), oy = (int)offsets[k].ValueAt(1), ox = (int)offsets[k].ValueAt(2);
            int sz = (int)strides[k].ValueAt(0), sy = (int)strides[k].ValueAt(1), sx = (int)strides[k].ValueAt(2);
            bool draw = randomized && sz * sy * sx > 1;
            int step = draw ? 1 : 0;
            double logMiss = Math.Log(1.0 - (1.0 / (sz * sy * sx)));
            ulong state = seed + (0x9E3779B97F4A7C15UL * (ulong)(k + 1));
            long skip = draw ? Gap(ref state, logMiss) : 0;
            for (int z = Math.Max(0, -oz); z < Math.Min(shape[0], shape[0] - oz); z += step == 1 ? 1 : sz)
            {
                for (int y = Math.Max(0, -oy); y < Math.Min(shape[1], shape[1] - oy); y += step == 1 ? 1 : sy)
                {
                    for (int x = Math.Max(0, -ox); x < Math.Min(shape[2], shape[2] - ox); x += step == 1 ? 1 : sx)
                    {
                        int p = (((z * shape[1]) + y) * shape[2]) + x;
                        if (draw)
                        {
                            // Geometric gaps between kept candidates, the library's documented draw.
                            if (skip > 0)
                            {
                                skip--;
                                continue;
                            }

                            skip = Gap(ref state, logMiss);
                        }

                        int q = (((((z + oz) * shape[1]) + y + oy) * shape[2]) + x) + ox;
                        float w = (float)((affinities[((long)k * n) + p] / 255f) + bias[k]);
                        edges.Add(new Edge(w, k, p, q));
                        if (w > 0)
                        {
                            hasAttractive[p] = hasAttractive[q] = true;
                        }
                    }
                }
            }
        }

        var sorted = edges.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            int c = Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight));
            if (c != 0)
            {
                return c;
            }

            c = (a.Weight > 0 ? 0 : 1).CompareTo(b.Weight > 0 ? 0 : 1);
            return c != 0 ? c : a.Channel != b.Channel ? a.Channel.CompareTo(b.Channel) : a.P.CompareTo(b.P);
        });

        var parent = new int[n];
        var size = new int[n];
        var mutexes = new HashSet<int>?[n];
        for (int i = 0; i < n; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }

        foreach (var edge in sorted)
        {
            if (!hasAttractive[edge.P] || !hasAttractive[edge.Q])
            {
                continue;
            }

            int a = Find(parent, edge.P), b = Find(parent, edge.Q);
            if (a == b || (mutexes[a]?.Contains(b) ?? false))
            {
                continue;
            }

            if (edge.Weight > 0)
            {
                if (size[a] < size[b])
                {
                    (a, b) = (b, a);
                }

                parent[b] = a;
                size[a] += size[b];
                if (mutexes[b] is { } moved)
                {
                    var target = mutexes[a] ??= [];
                    foreach (int partner in moved)
                    {
                        mutexes[partner]!.Remove(b);
                        mutexes[partner]!.Add(a);
                        target.Add(partner);
                    }

                    mutexes[b] = null;
                }
            }
            else
            {
                (mutexes[a] ??= []).Add(b);
                (mutexes[b] ??= []).Add(a);
            }
        }

        var labels = new ulong[n];
        var ids = new ulong[n];
        ulong next = 1;
        for (int p = 0; p < n; p++)
        {
            if (hasAttractive[p])
            {
                int root = Find(parent, p);
                labels[p] = ids[root] != 0 ? ids[root] : (ids[root] = next++);
            }
        }

        return labels;
    }

    private static int Find(int[] parent, int x)
    {
        int root = x;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[x] != root)
        {
            (parent[x], x) = (root, parent[x]);
        }

        return root;
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
}
