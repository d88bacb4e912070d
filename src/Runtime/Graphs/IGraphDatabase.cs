using Volara.Runtime.Geometry;

namespace Volara.Runtime.Graphs;

/// <summary>
/// An open graph database (funlib.persistence's SQL graph provider): nodes with positions and declared attributes,
/// undirected edges keyed by (u, v). Each block opens its own handle (cheap: connections are pooled underneath) and
/// disposes it; one handle is not meant to be shared between threads.
/// </summary>
/// <remarks>
/// ROI queries are half-open in world units: a node is in a ROI when <c>begin ≤ position[d] &lt; end</c> for every
/// bounded dim. An edge belongs to the ROI of its <c>u</c> endpoint (the lower id). Writes are insert-or-ignore: an
/// existing row with the same key wins. Every write runs in one transaction with prepared statements (SQLite) or a
/// binary COPY into a staging table (PostgreSQL).
/// </remarks>
public interface IGraphDatabase : IDisposable
{
    /// <summary>What the database is, for messages: the SQLite file or the PostgreSQL database name.</summary>
    string Name { get; }

    GraphOpenMode Mode { get; }

    /// <summary>The attributes the tables hold.</summary>
    GraphSchema Schema { get; }

    /// <summary>An empty node table with this graph's attributes.</summary>
    NodeTable CreateNodeTable(int capacity = 0);

    /// <summary>An empty edge table with this graph's attributes.</summary>
    EdgeTable CreateEdgeTable(int capacity = 0);

    /// <summary>Nodes whose position is in <paramref name="roi"/> (all nodes when it is unbounded), ascending by id.</summary>
    NodeTable ReadNodes(Roi roi);

    /// <summary>
    /// Edges whose <c>u</c> endpoint is in <paramref name="roi"/> (or, with <paramref name="fetchOnV"/>, either endpoint),
    /// ascending by (u, v). The other endpoint may lie outside the ROI.
    /// </summary>
    EdgeTable ReadEdges(Roi roi, bool fetchOnV = false);

    /// <summary>Every node, ascending by id (for whole-graph tasks such as GraphMWS).</summary>
    NodeTable ReadAllNodes();

    /// <summary>Every edge, ascending by (u, v).</summary>
    EdgeTable ReadAllEdges();

    /// <summary>
    /// Inserts the nodes (only those whose position is in <paramref name="roi"/> when one is given); nodes whose id is
    /// already stored are ignored. Returns the number of rows inserted.
    /// </summary>
    int WriteNodes(NodeTable nodes, Roi? roi = null);

    /// <summary>
    /// Inserts the edges, each normalised to (min, max); edges already stored are ignored. With a
    /// <paramref name="roi"/>, only edges whose <c>u</c> endpoint is a stored node with its position in the ROI are
    /// written (the block owning the lower id writes the edge, exactly once). Returns the number of rows inserted.
    /// </summary>
    int WriteEdges(EdgeTable edges, Roi? roi = null);
}
