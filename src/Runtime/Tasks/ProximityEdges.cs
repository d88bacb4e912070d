using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tasks;

/// <summary>Turns DistanceAgglom's close fragment pairs into graph edges with distances and embedding similarities.</summary>
public static class ProximityEdges
{
    /// <summary>
    /// One edge per pair whose both fragments are in <paramref name="nodes"/>: <c>distance</c>, and per key
    /// <c>&lt;key&gt;_similarity</c> where both nodes have the key (null otherwise). Other edge attributes are null.
    /// </summary>
    public static EdgeTable Build(
        IGraphDatabase db,
        NodeTable nodes,
        IReadOnlyList<SurfacePair> pairs,
        IReadOnlyList<string> keys,
        IReadOnlyList<double>? background,
        DistanceMetric metric,
        double eps)
    {
        var rows = new Dictionary<ulong, int>(nodes.Count);
        var ids = nodes.Ids;
        for (int row = 0; row < ids.Length; row++)
        {
            rows[ids[row]] = row;
        }

        var edges = db.CreateEdgeTable(pairs.Count);
        var embeddings = new FloatColumn[keys.Count];
        var similarities = new FloatColumn[keys.Count];
        for (int k = 0; k < keys.Count; k++)
        {
            embeddings[k] = nodes.Floats(keys[k]);
            similarities[k] = edges.Floats(DistanceAgglom.SimilarityName(keys[k]));
        }

        var distance = edges.Floats("distance");
        foreach (var pair in pairs)
        {
            if (!rows.TryGetValue(pair.U, out int a) || !rows.TryGetValue(pair.V, out int b))
            {
                continue;
            }

            int edge = edges.Add(pair.U, pair.V);
            foreach (var column in edges.Columns)
            {
                column.SetNull(edge);
            }

            distance.SetNull(edge, false);
            distance[edge] = (float)pair.Distance;
            for (int k = 0; k < keys.Count; k++)
            {
                if (embeddings[k].IsNull(a) || embeddings[k].IsNull(b))
                {
                    continue;
                }

                double value = EmbeddingSimilarity.Compute(embeddings[k].Row(a), embeddings[k].Row(b), background?[k] ?? 0, metric, eps);
                similarities[k].SetNull(edge, false);
                similarities[k][edge] = (float)value;
            }
        }

        return edges;
    }
}
