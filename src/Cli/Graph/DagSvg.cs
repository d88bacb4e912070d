using System.Globalization;
using System.Security;

namespace Volara.Cli.Graph;

/// <summary>
/// The DAG as a self-contained SVG that any browser opens: tasks as boxes in rows by level (sources on top),
/// arrows from each task to the ones that run after it. No layout engine needed for pipelines of a few tasks.
/// </summary>
public static class DagSvg
{
    private const double CharWidth = 7.8;
    private const double LineHeight = 16;
    private const double PaddingX = 12;
    private const double PaddingY = 8;
    private const double GapX = 28;
    private const double GapY = 48;
    private const double Margin = 16;

    public static string Format(TaskGraph graph)
    {
        var boxes = new Dictionary<string, (double X, double Y, double Width, double Height, string[] Lines)>(StringComparer.Ordinal);
        var rows = graph.Nodes.GroupBy(n => graph.Layers[n.Name]).OrderBy(g => g.Key).ToList();
        var sizes = graph.Nodes.ToDictionary(
            n => n.Name,
            n =>
            {
                string[] lines = n.Label.Split('\n');
                return (Width: (lines.Max(l => l.Length) * CharWidth) + (2 * PaddingX), Height: (lines.Length * LineHeight) + (2 * PaddingY), Lines: lines);
            });
        double rowWidthMax = rows.Max(r => r.Sum(n => sizes[n.Name].Width) + (GapX * (r.Count() - 1)));
        double y = Margin;
        foreach (var row in rows)
        {
            double rowWidth = row.Sum(n => sizes[n.Name].Width) + (GapX * (row.Count() - 1));
            double x = Margin + ((rowWidthMax - rowWidth) / 2);
            double rowHeight = row.Max(n => sizes[n.Name].Height);
            foreach (var (name, _) in row)
            {
                var size = sizes[name];
                boxes[name] = (x, y, size.Width, size.Height, size.Lines);
                x += size.Width + GapX;
            }

            y += rowHeight + GapY;
        }

        double width = rowWidthMax + (2 * Margin);
        double height = y - GapY + Margin;
        var svg = new System.Text.StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0.#}\" height=\"{height:0.#}\" viewBox=\"0 0 {width:0.#} {height:0.#}\" font-family=\"monospace\" font-size=\"13\">\n"));
        svg.Append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>\n");
        svg.Append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        foreach (var (name, _) in graph.Nodes)
        {
            var to = boxes[name];
            foreach (var upstream in graph.UpstreamOf(name))
            {
                var from = boxes[upstream];
                svg.Append(Invariant(
                    $"  <line class=\"edge\" data-from=\"{Escape(upstream)}\" data-to=\"{Escape(name)}\" x1=\"{from.X + (from.Width / 2):0.#}\" y1=\"{from.Y + from.Height:0.#}\" x2=\"{to.X + (to.Width / 2):0.#}\" y2=\"{to.Y:0.#}\" stroke=\"#444\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n"));
            }
        }

        foreach (var (name, _) in graph.Nodes)
        {
            var box = boxes[name];
            svg.Append(Invariant($"  <g class=\"task\" data-name=\"{Escape(name)}\">\n"));
            svg.Append(Invariant($"    <rect x=\"{box.X:0.#}\" y=\"{box.Y:0.#}\" width=\"{box.Width:0.#}\" height=\"{box.Height:0.#}\" rx=\"6\" fill=\"#eef4fb\" stroke=\"#3b6ea5\"/>\n"));
            for (int i = 0; i < box.Lines.Length; i++)
            {
                double baseline = box.Y + PaddingY + (LineHeight * (i + 1)) - 4;
                svg.Append(Invariant($"    <text x=\"{box.X + PaddingX:0.#}\" y=\"{baseline:0.#}\"{(i == 0 ? " font-weight=\"bold\"" : "")}>{Escape(box.Lines[i])}</text>\n"));
            }

            svg.Append("  </g>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
