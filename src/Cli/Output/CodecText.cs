using System.Text.Json.Nodes;

namespace Volara.Cli.Output;

/// <summary>A codec's metadata object as one short phrase: <c>blosc(cname=lz4, clevel=5, shuffle=1, blocksize=0)</c>.</summary>
public static class CodecText
{
    public static string Describe(JsonObject codec)
    {
        // v2 objects carry their parameters beside "id"; v3 objects nest them under "configuration".
        string name = InfoTable.Scalar(codec["id"] ?? codec["name"]);
        IEnumerable<KeyValuePair<string, JsonNode?>> parameters = codec.ContainsKey("id")
            ? codec.Where(pair => pair.Key != "id")
            : codec["configuration"] as JsonObject ?? [];
        var described = parameters.Select(pair => $"{pair.Key}={Value(pair.Value)}").ToList();
        return described.Count == 0 ? name : $"{name}({string.Join(", ", described)})";
    }

    private static string Value(JsonNode? node) => node switch
    {
        JsonArray list when list.All(element => element is JsonObject) => $"[{string.Join(" | ", list.Select(element => Describe((JsonObject)element!)))}]",
        _ => InfoTable.Scalar(node),
    };
}
