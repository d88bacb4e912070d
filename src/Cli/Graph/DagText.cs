namespace Volara.Cli.Graph;

/// <summary>The DAG as text: one line per task by level, with the tasks it waits for.</summary>
public static class DagText
{
    public static string Format(TaskGraph graph)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, label) in graph.Nodes)
        {
            int layer = graph.Layers[name];
            var upstream = graph.UpstreamOf(name);
            text.Append(new string(' ', 2 * layer));
            text.Append(layer == 0 ? "● " : "└▶ ");
            text.Append(label.Replace("\n", " — "));
            if (upstream.Count > 0)
            {
                text.Append("  (after ").Append(string.Join(", ", upstream)).Append(')');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
