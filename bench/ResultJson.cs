using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Bench;

/// <summary>Results as a JSON list of {name, unit, ours, peer, peer_name, lower_is_better, ratio}.</summary>
public static class ResultJson
{
    public static string Format(IEnumerable<BenchmarkResult> results)
    {
        var list = new JsonArray();
        foreach (var row in results)
        {
            list.Add(new JsonObject
            {
                ["name"] = row.Name,
                ["unit"] = row.Unit,
                ["ours"] = row.Ours,
                ["peer"] = row.Peer,
                ["peer_name"] = row.PeerName,
                ["lower_is_better"] = row.LowerIsBetter,
                ["ratio"] = double.IsFinite(row.Ratio) ? row.Ratio : null,
            });
        }

        // Relaxed escaping keeps names like "blosc-lz4+shuffle" readable; the output is still valid JSON.
        return list.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
