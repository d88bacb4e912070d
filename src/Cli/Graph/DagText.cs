namespace Volara.Cli.Graph;

/// <summary>The DAG as text: one line per task by level, with the tasks it waits for.</summary>
public static class DagText
{
    /// <summary>Deeper levels are numbered rather than indented, so a long chain keeps lines of a readable length.</summary>
    private const int MaxIndentedLevel = 12;

    public static string Format(TaskGraph graph)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, label) in graph.Nodes)
        {
            int layer = graph.Layers[name];
            var upstream = graph.UpstreamOf(name);
            text.Append(new string(' ', 2 * Math.Min(layer, MaxIndentedLevel)));
            text.Append(layer == 0 ? "● " : "└▶ ");
            if (layer > MaxIndentedLevel)
            {
                text.Append("[level ").Append(layer).Append("] ");
            }

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
