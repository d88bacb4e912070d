namespace Volara.Runtime.Graphs;

/// <summary>The schema check both backends apply to a table's stored columns against the configuration's.</summary>
internal static class GraphTableCheck
{
    /// <summary>False when the table does not exist (and may not have to); throws when its columns differ.</summary>
    public static bool Verify(string database, string table, List<string> actual, List<string> expected, bool required)
    {
        if (actual.Count == 0)
        {
            if (required)
            {
                throw new GraphSchemaMismatchException($"graph database '{database}': table '{table}' does not exist although the metadata does; re-create the graph (mode w)");
            }

            return false;
        }

        if (actual.Count != expected.Count || !actual.All(expected.Contains))
        {
            throw new GraphSchemaMismatchException(
                $"graph database '{database}', table '{table}': columns ({string.Join(", ", actual)}) do not match the configuration's ({string.Join(", ", expected)}); "
                + "open it with the same node_attrs/edge_attrs/ndim, or drop it (mode w)");
        }

        return true;
    }
}
