using System.Globalization;
using System.Text;

namespace Volara.Bench;

/// <summary>Results as a markdown table: | benchmark | unit | ours | peer | ratio |.</summary>
public static class ResultTable
{
    public static string Format(IEnumerable<BenchmarkResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| benchmark | unit | ours | peer | ratio |");
        text.AppendLine("|---|---|---:|---:|---:|");
        foreach (var row in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Unit} | {row.Ours:0.000} | {row.Peer:0.000} | {row.Ratio:0.00} |"));
        }

        return text.ToString();
    }
}
