namespace Volara.Runtime.Graphs;

/// <summary>The stored metadata or tables declare other attributes than the configuration opening them.</summary>
public sealed class GraphSchemaMismatchException : GraphDatabaseException
{
    public GraphSchemaMismatchException(string message)
        : base(message)
    {
    }
}
