namespace Volara.Cli.Graph;

/// <summary>A pipeline's task DAG for drawing: nodes in topological order with a label each, edges by name.</summary>
public sealed class TaskGraph
{
    public TaskGraph(IReadOnlyList<(string Name, string Label)> nodes, IReadOnlyCollection<(string From, string To)> edges)
    {
        Nodes = nodes;
        Edges = edges;
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, _) in nodes)
        {
            // Nodes come upstream first, so every upstream layer is known here.
            int layer = 0;
            foreach (var (from, to) in edges)
            {
                if (to == name && layers.TryGetValue(from, out int upstream))
                {
                    layer = Math.Max(layer, upstream + 1);
                }
            }

            layers[name] = layer;
        }

        Layers = layers;
    }

    public IReadOnlyList<(string Name, string Label)> Nodes { get; }

    public IReadOnlyCollection<(string From, string To)> Edges { get; }

    /// <summary>The longest path from a source to each node (sources are 0).</summary>
    public IReadOnlyDictionary<string, int> Layers { get; }

    /// <summary>The upstream tasks of a node, in node order.</summary>
    public IReadOnlyList<string> UpstreamOf(string name) =>
        [.. Nodes.Select(n => n.Name).Where(from => Edges.Contains((from, name)))];
}
