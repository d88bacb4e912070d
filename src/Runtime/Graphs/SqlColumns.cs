namespace Volara.Runtime.Graphs;

/// <summary>
/// Column names of funlib's SQLite layout, where a vector attribute is exploded into <c>&lt;name&gt;_0 … &lt;name&gt;_{n-1}</c>
/// (so the position is <c>position_0, position_1, …</c>).
/// </summary>
internal static class SqlColumns
{
    public static string Position(int dim) => $"{GraphSchema.PositionAttribute}_{dim}";

    /// <summary>The SQLite columns of an attribute.</summary>
    public static IEnumerable<string> Exploded(GraphAttribute attribute)
    {
        if (!attribute.Type.IsVector)
        {
            yield return attribute.Name;
            yield break;
        }

        for (var i = 0; i < attribute.Type.Length; i++)
        {
            yield return $"{attribute.Name}_{i}";
        }
    }

    /// <summary>All SQLite node columns: id, position_*, then the exploded attributes.</summary>
    public static List<string> Nodes(GraphSchema schema)
    {
        var columns = new List<string> { "id" };
        for (var d = 0; d < schema.Dims; d++)
        {
            columns.Add(Position(d));
        }

        foreach (var attribute in schema.NodeAttributes)
        {
            columns.AddRange(Exploded(attribute));
        }

        return columns;
    }

    /// <summary>All SQLite edge columns: u, v, then the exploded attributes.</summary>
    public static List<string> Edges(GraphSchema schema)
    {
        var columns = new List<string> { "u", "v" };
        foreach (var attribute in schema.EdgeAttributes)
        {
            columns.AddRange(Exploded(attribute));
        }

        return columns;
    }
}
