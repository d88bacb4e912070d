using Volara.Runtime.Graphs;
using Volara.Runtime.Luts;
using Volara.Runtime.Segmentation;

namespace Volara.Runtime.Tasks;

/// <summary>
/// GraphMWS on a graph already in memory: scores, starting-LUT prefix edges and the graph mutex watershed,
/// giving the fragment → segment table.
/// </summary>
/// <remarks>
/// Edge order decides ties (real scores tie often), so it is fixed: edges as the database returns them,
/// ascending by (u, v) — what volara's networkx enumeration gives for a graph read in that order — and, with
/// <c>edgePerAttr</c>, an edge's scores in the order of <c>weights</c>. The watershed sorts by |score| with a
/// stable sort, so equal scores keep this order.
/// </remarks>
public static class GraphMwsKernel
{
    /// <summary>The scored edges: one per weighted attribute present (edge per attribute) or one per edge with the sum.</summary>
    public static (ulong[] Sources, ulong[] Targets, double[] Scores) Score(
        EdgeTable edges, IReadOnlyDictionary<string, EdgeWeight> weights, bool edgePerAttr, string taskName)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(weights);
        var columns = new List<(AttributeColumn Column, EdgeWeight Weight)>(weights.Count);
        foreach (var (name, weight) in weights)
        {
            if (!edges.HasColumn(name))
            {
                throw new ArgumentException($"task '{taskName}': weights name edge attribute '{name}', but the graph declares only [{string.Join(", ", edges.Attributes.Select(a => a.Name))}]");
            }

            var column = edges.Column(name);
            if (column.Width != 1 || column.Type.Kind is not (GraphValueKind.Float or GraphValueKind.Int or GraphValueKind.Bool))
            {
                throw new ArgumentException($"task '{taskName}': edge attribute '{name}' is {column.Type}; weights need a numeric scalar attribute");
            }

            columns.Add((column, weight));
        }

        int capacity = edgePerAttr ? edges.Count * columns.Count : edges.Count;
        var sources = new List<ulong>(capacity);
        var targets = new List<ulong>(capacity);
        var scores = new List<double>(capacity);
        var u = edges.U;
        var v = edges.V;
        for (int row = 0; row < edges.Count; row++)
        {
            double sum = 0;
            foreach (var (column, weight) in columns)
            {
                if (column.IsNull(row))
                {
                    continue;
                }

                double score = weight.Score(Value(column, row));
                if (edgePerAttr)
                {
                    sources.Add(u[row]);
                    targets.Add(v[row]);
                    scores.Add(score);
                }
                else
                {
                    sum += score;
                }
            }

            if (!edgePerAttr)
            {
                sources.Add(u[row]);
                targets.Add(v[row]);
                scores.Add(sum);
            }
        }

        return ([.. sources], [.. targets], [.. scores]);
    }

    /// <summary>
    /// volara's starting-LUT prefix: graph nodes grouped by their starting segment (groups in order of first
    /// appearance), each group chained by attractive edges between consecutive members.
    /// </summary>
    /// <param name="nodes">Graph nodes in graph order (ascending id, then edge endpoints not among them).</param>
    public static MwsEdge[] StartingEdges(IReadOnlyList<ulong> nodes, FragmentSegmentLut startingLut, string taskName, string lutFile)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(startingLut);
        var segmentOf = new Dictionary<ulong, ulong>(startingLut.Count);
        for (int i = 0; i < startingLut.Count; i++)
        {
            segmentOf[startingLut.Fragments[i]] = startingLut.Segments[i];
        }

        var lastMember = new Dictionary<ulong, ulong>();
        var groups = new List<(ulong Segment, List<ulong> Members)>();
        var groupIndex = new Dictionary<ulong, int>();
        foreach (var node in nodes)
        {
            if (!segmentOf.TryGetValue(node, out var segment))
            {
                throw new KeyNotFoundException($"task '{taskName}': graph node {node} is not in the starting LUT '{lutFile}'");
            }

            if (!groupIndex.TryGetValue(segment, out var index))
            {
                index = groups.Count;
                groupIndex[segment] = index;
                groups.Add((segment, []));
            }

            groups[index].Members.Add(node);
        }

        var prefix = new List<MwsEdge>();
        foreach (var (_, members) in groups)
        {
            for (int i = 1; i < members.Count; i++)
            {
                prefix.Add(new MwsEdge(members[i - 1], members[i], Attractive: true));
            }
        }

        return [.. prefix];
    }

    /// <summary>Graph order of the nodes as networkx holds them: the node rows, then edge endpoints first seen in edges.</summary>
    public static List<ulong> GraphNodes(NodeTable nodes, EdgeTable edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var order = new List<ulong>(nodes.Count);
        var seen = new HashSet<ulong>(nodes.Count);
        foreach (var id in nodes.Ids)
        {
            if (seen.Add(id))
            {
                order.Add(id);
            }
        }

        for (int row = 0; row < edges.Count; row++)
        {
            if (seen.Add(edges.U[row]))
            {
                order.Add(edges.U[row]);
            }

            if (seen.Add(edges.V[row]))
            {
                order.Add(edges.V[row]);
            }
        }

        return order;
    }

    /// <summary>Scores, prefix and clustering: the LUT of every node touched by an edge.</summary>
    public static FragmentSegmentLut Run(ReadOnlySpan<ulong> sources, ReadOnlySpan<ulong> targets, ReadOnlySpan<double> scores, ReadOnlySpan<MwsEdge> prefix)
    {
        if (sources.IsEmpty && prefix.IsEmpty)
        {
            return FragmentSegmentLut.Empty;
        }

        var clustering = MutexWatershed.Cluster(sources, targets, scores, prefix);
        return new FragmentSegmentLut(clustering.Fragments, clustering.Segments);
    }

    private static double Value(AttributeColumn column, int row) => column switch
    {
        FloatColumn floats => floats[row],
        IntColumn ints => ints[row],
        BoolColumn bools => bools[row] ? 1 : 0,
        _ => throw new InvalidOperationException($"edge attribute '{column.Name}' is not numeric"),
    };
}
