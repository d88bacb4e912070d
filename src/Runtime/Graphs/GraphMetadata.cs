using System.Text.Json.Nodes;

namespace Volara.Runtime.Graphs;

/// <summary>funlib.persistence's graph metadata JSON (the SQLite sibling file, the PostgreSQL metadata row).</summary>
internal static class GraphMetadata
{
    public const string NodesTable = "nodes";
    public const string EdgesTable = "edges";

    public static string ToJson(GraphSchema schema)
    {
        var nodeAttrs = new JsonObject();
        foreach (var attribute in schema.NodeAttributesWithPosition())
        {
            nodeAttrs[attribute.Name] = attribute.Type.ToString();
        }

        var edgeAttrs = new JsonObject();
        foreach (var attribute in schema.EdgeAttributes)
        {
            edgeAttrs[attribute.Name] = attribute.Type.ToString();
        }

        var json = new JsonObject
        {
            ["position_attribute"] = GraphSchema.PositionAttribute,
            ["directed"] = false,
            ["total_roi_offset"] = null,
            ["total_roi_shape"] = null,
            ["nodes_table_name"] = NodesTable,
            ["edges_table_name"] = EdgesTable,
            ["endpoint_names"] = new JsonArray("u", "v"),
            ["node_attrs"] = nodeAttrs,
            ["edge_attrs"] = edgeAttrs,
            ["ndims"] = schema.Dims,
        };
        return json.ToJsonString();
    }

    /// <summary>Checks stored metadata against the schema a configuration declares; throws naming the database.</summary>
    public static void Verify(string json, GraphSchema expected, string database)
    {
        GraphSchema stored;
        try
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("empty metadata");
            var dims = node["ndims"]?.GetValue<int>() ?? throw new FormatException("no 'ndims'");
            var nodeAttrs = ReadAttrs(node["node_attrs"]);
            nodeAttrs.Remove(GraphSchema.PositionAttribute, out var position);
            stored = GraphSchema.Create(dims, nodeAttrs, ReadAttrs(node["edge_attrs"]));
            if (position is not null && GraphAttributeType.Parse(position) != new GraphAttributeType(GraphValueKind.Float, dims))
            {
                throw new FormatException($"position is {position}");
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new GraphSchemaMismatchException($"graph database '{database}': unreadable metadata ({e.Message})");
        }

        if (!stored.SameAttributes(expected))
        {
            throw new GraphSchemaMismatchException(
                $"graph database '{database}': the stored graph has {stored}, but the configuration declares {expected}; "
                + "open it with the same node_attrs/edge_attrs/ndim, or drop it (mode w)");
        }
    }

    private static Dictionary<string, string> ReadAttrs(JsonNode? node)
    {
        var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                attrs[name] = value?.ToString() ?? throw new FormatException($"attribute '{name}' has no type");
            }
        }

        return attrs;
    }
}
