namespace Volara.Runtime.Graphs;

/// <summary>Opening with mode <c>r</c> a graph that was never created (its metadata does not exist).</summary>
public sealed class GraphNotFoundException : GraphDatabaseException
{
    public GraphNotFoundException(string message)
        : base(message)
    {
    }
}
