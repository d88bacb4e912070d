namespace Volara.Cli.Graph;

/// <summary>A pipeline's task DAG for drawing: nodes in topological order with a label each, edges by name.</summary>
public sealed class TaskGraph
{
    private readonly Dictionary<string, List<string>> upstream = new(StringComparer.Ordinal);

    public TaskGraph(IReadOnlyList<(string Name, string Label)> nodes, IReadOnlyCollection<(string From, string To)> edges)
    {
        Nodes = nodes;
        Edges = edges;
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, _) in nodes)
        {
            position[name] = position.Count;
            upstream[name] = [];
        }

        foreach (var (from, to) in edges)
        {
            if (upstream.TryGetValue(to, out var list) && position.ContainsKey(from))
            {
                list.Add(from);
            }
        }

        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, _) in nodes)
        {
            upstream[name].Sort((a, b) => position[a].CompareTo(position[b]));

            // Nodes come upstream first, so every upstream layer is known here.
            layers[name] = upstream[name].Select(from => layers.TryGetValue(from, out int layer) ? layer + 1 : 0).DefaultIfEmpty(0).Max();
        }

        Layers = layers;
    }

    public IReadOnlyList<(string Name, string Label)> Nodes { get; }

    public IReadOnlyCollection<(string From, string To)> Edges { get; }

    /// <summary>The longest path from a source to each node (sources are 0).</summary>
    public IReadOnlyDictionary<string, int> Layers { get; }

    /// <summary>The upstream tasks of a node, in node order.</summary>
    public IReadOnlyList<string> UpstreamOf(string name) => upstream.TryGetValue(name, out var list) ? list : [];
}
