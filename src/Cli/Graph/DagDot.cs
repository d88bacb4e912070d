namespace Volara.Cli.Graph;

/// <summary>The DAG in Graphviz's DOT language (<c>dot -Tpng plan.dot</c>).</summary>
public static class DagDot
{
    public static string Format(TaskGraph graph)
    {
        var text = new System.Text.StringBuilder("digraph pipeline {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"monospace\"];\n");
        foreach (var (name, label) in graph.Nodes)
        {
            text.Append($"  {Quote(name)} [label={Quote(label)}];\n");
        }

        foreach (var (name, _) in graph.Nodes)
        {
            foreach (var upstream in graph.UpstreamOf(name))
            {
                text.Append($"  {Quote(upstream)} -> {Quote(name)};\n");
            }
        }

        return text.Append("}\n").ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
