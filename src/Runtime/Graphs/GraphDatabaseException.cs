namespace Volara.Runtime.Graphs;

/// <summary>The base of every error raised by a graph database; the message names the database (and table).</summary>
public class GraphDatabaseException : Exception
{
    public GraphDatabaseException(string message)
        : base(message)
    {
    }

    public GraphDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
