namespace Volara.Runtime.Segmentation;

/// <summary>The graph mutex watershed behind <see cref="MutexWatershed"/>.Cluster.</summary>
internal static class GraphAgglomeration
{
    public static GraphClustering Cluster(ReadOnlySpan<MwsEdge> prefix, ReadOnlySpan<MwsEdge> orderedEdges)
    {
        var indexOf = new Dictionary<ulong, int>();
        var nodes = new List<ulong>();
        int total = prefix.Length + orderedEdges.Length;
        var u = new int[total];
        var v = new int[total];
        for (int i = 0; i < total; i++)
        {
            var edge = i < prefix.Length ? prefix[i] : orderedEdges[i - prefix.Length];
            u[i] = Dense(edge.U);
            v[i] = Dense(edge.V);
        }

        using var clustering = new MutexClustering(nodes.Count, null, Math.Max(1024, total / 2));
        for (int i = 0; i < total; i++)
        {
            bool attractive = i < prefix.Length ? prefix[i].Attractive : orderedEdges[i - prefix.Length].Attractive;
            if (attractive)
            {
                clustering.Attract(u[i], v[i]);
            }
            else
            {
                clustering.Repel(u[i], v[i]);
            }
        }

        // A segment is named after its smallest fragment id: deterministic and one of its own members.
        var smallest = new ulong[nodes.Count];
        Array.Fill(smallest, ulong.MaxValue);
        for (int i = 0; i < nodes.Count; i++)
        {
            int root = clustering.Find(i);
            smallest[root] = Math.Min(smallest[root], nodes[i]);
        }

        var fragments = nodes.ToArray();
        var segments = new ulong[fragments.Length];
        for (int i = 0; i < fragments.Length; i++)
        {
            segments[i] = smallest[clustering.Find(i)];
        }

        Array.Sort(fragments, segments);

        return new GraphClustering(fragments, segments);

        int Dense(ulong id)
        {
            if (!indexOf.TryGetValue(id, out int index))
            {
                index = nodes.Count;
                nodes.Add(id);
                indexOf.Add(id, index);
            }

            return index;
        }
    }

    /// <summary>Weighted edges in processing order: |weight| descending, ties in input order.</summary>
    public static MwsEdge[] Order(ReadOnlySpan<ulong> sources, ReadOnlySpan<ulong> targets, ReadOnlySpan<double> weights)
    {
        if (sources.Length != targets.Length || sources.Length != weights.Length)
        {
            throw new ArgumentException($"sources ({sources.Length}), targets ({targets.Length}) and weights ({weights.Length}) must have the same length");
        }

        int count = weights.Length;
        var keys = new ulong[count];
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            double w = weights[i];
            if (double.IsNaN(w))
            {
                throw new ArgumentException($"weight of edge {i} ({sources[i]}, {targets[i]}) is NaN", nameof(weights));
            }

            keys[i] = ~BitConverter.DoubleToUInt64Bits(Math.Abs(w));
            order[i] = i;
        }

        Array.Sort(keys, order);
        // Array.Sort is not stable: restore input order inside each run of equal magnitudes.
        for (int start = 0; start < count;)
        {
            int end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start);
            }

            start = end;
        }

        var edges = new MwsEdge[count];
        for (int i = 0; i < count; i++)
        {
            int e = order[i];
            edges[i] = new MwsEdge(sources[e], targets[e], weights[e] > 0);
        }

        return edges;
    }
}
