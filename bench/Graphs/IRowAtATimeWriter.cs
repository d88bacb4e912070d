using Volara.Runtime.Graphs;

namespace Volara.Bench.Graphs;

/// <summary>The peer: one parameterised INSERT … (or ignore) per row, all in one transaction.</summary>
public interface IRowAtATimeWriter
{
    int WriteNodes(GraphDatabaseConfig config, NodeTable nodes);

    int WriteEdges(GraphDatabaseConfig config, EdgeTable edges);
}
