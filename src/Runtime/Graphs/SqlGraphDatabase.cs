using Volara.Runtime.Geometry;

namespace Volara.Runtime.Graphs;

/// <summary>What both SQL backends share: mode checks, ROI filtering of writes, id range checks.</summary>
internal abstract class SqlGraphDatabase : IGraphDatabase
{
    private bool _disposed;

    private protected SqlGraphDatabase(string name, GraphOpenMode mode, GraphSchema schema)
    {
        Name = name;
        Mode = mode;
        Schema = schema;
    }

    public string Name { get; }

    public GraphOpenMode Mode { get; }

    public GraphSchema Schema { get; }

    public NodeTable CreateNodeTable(int capacity = 0) => new(Schema, capacity);

    public EdgeTable CreateEdgeTable(int capacity = 0) => new(Schema, capacity);

    public NodeTable ReadNodes(Roi roi)
    {
        ThrowIfDisposed();
        return ReadNodes(RoiBounds.From(roi, Schema.Dims, Name));
    }

    public EdgeTable ReadEdges(Roi roi, bool fetchOnV = false)
    {
        ThrowIfDisposed();
        return ReadEdges(RoiBounds.From(roi, Schema.Dims, Name), fetchOnV);
    }

    public NodeTable ReadAllNodes() => ReadNodes(Roi.AllUnbounded(Schema.Dims));

    public EdgeTable ReadAllEdges() => ReadEdges(Roi.AllUnbounded(Schema.Dims));

    public int WriteNodes(NodeTable nodes, Roi? roi = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ThrowIfWriteRefused(GraphMetadata.NodesTable);
        CheckAttributes(nodes, Schema.NodeAttributes, GraphMetadata.NodesTable);
        if (nodes.Dims != Schema.Dims)
        {
            throw new ArgumentException($"graph database '{Name}', table 'nodes': node positions have {nodes.Dims} dims, the graph has {Schema.Dims}", nameof(nodes));
        }

        var bounds = RoiBounds.FromOptional(roi, Schema.Dims, Name);
        var rows = SelectRows(nodes.Count, bounds is null || bounds.IsUnbounded ? null : row => bounds.Contains(nodes.Position(row)));
        foreach (var id in nodes.Ids)
        {
            CheckId(id, GraphMetadata.NodesTable);
        }

        if (rows.Length == 0)
        {
            return 0;
        }

        SortNodeRows(nodes, rows);
        return InsertNodes(nodes, rows);
    }

    public int WriteEdges(EdgeTable edges, Roi? roi = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ThrowIfWriteRefused(GraphMetadata.EdgesTable);
        CheckAttributes(edges, Schema.EdgeAttributes, GraphMetadata.EdgesTable);
        var u = edges.U;
        var v = edges.V;
        for (var i = 0; i < u.Length; i++)
        {
            CheckId(u[i], GraphMetadata.EdgesTable);
            CheckId(v[i], GraphMetadata.EdgesTable);
        }

        var bounds = RoiBounds.FromOptional(roi, Schema.Dims, Name);
        if (bounds is null)
        {
            var all = SelectRows(edges.Count, null);
            if (all.Length == 0)
            {
                return 0;
            }

            SortEdgeRows(edges, all);
            return InsertEdges(edges, all);
        }

        // The owner of an edge is the block holding its lower endpoint; an endpoint without a stored node has no owner.
        var owned = ReadNodeIds(bounds);
        var ownedEdges = edges;
        var rows = SelectRows(edges.Count, row => owned.Contains(Math.Min(ownedEdges.U[row], ownedEdges.V[row])));
        if (rows.Length == 0)
        {
            return 0;
        }

        SortEdgeRows(edges, rows);
        return InsertEdges(edges, rows);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Close();
    }

    /// <summary>Removes every edge (drop and re-create the edges table).</summary>
    internal abstract void DropEdgesTable();

    private protected abstract NodeTable ReadNodes(RoiBounds bounds);

    private protected abstract EdgeTable ReadEdges(RoiBounds bounds, bool fetchOnV);

    private protected abstract HashSet<ulong> ReadNodeIds(RoiBounds bounds);

    /// <summary>
    /// Inserts the given rows (indices into the table, in ascending id order) or ignores them; returns rows inserted.
    /// </summary>
    private protected abstract int InsertNodes(NodeTable nodes, int[] rows);

    /// <summary>Inserts the given rows (in ascending (min, max) order) as (min, max) or ignores them; returns rows inserted.</summary>
    private protected abstract int InsertEdges(EdgeTable edges, int[] rows);

    private protected abstract void Close();

    private protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void ThrowIfWriteRefused(string table)
    {
        ThrowIfDisposed();
        if (Mode == GraphOpenMode.Read)
        {
            throw new InvalidOperationException($"graph database '{Name}' is open read-only (mode r): cannot write to table '{table}'");
        }
    }

    private void CheckAttributes(GraphTable table, IReadOnlyList<GraphAttribute> expected, string tableName)
    {
        var columns = table.Columns;
        var same = columns.Count == expected.Count;
        for (var i = 0; same && i < columns.Count; i++)
        {
            same = columns[i].Attribute == expected[i];
        }

        if (!same)
        {
            throw new ArgumentException(
                $"graph database '{Name}', table '{tableName}': the rows have attributes {{{string.Join(", ", columns.Select(c => $"{c.Name}: {c.Type}"))}}}, "
                + $"the table has {{{string.Join(", ", expected.Select(a => $"{a.Name}: {a.Type}"))}}} (create rows with CreateNodeTable/CreateEdgeTable)");
        }
    }

    private void CheckId(ulong id, string table)
    {
        if (id > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"graph database '{Name}', table '{table}': ids are stored as signed 64-bit integers, {id} is too large");
        }
    }

    /// <summary>
    /// Orders rows by key: concurrent writers then take row locks in one global order (no deadlocks between them), and
    /// B-tree inserts become appends.
    /// </summary>
    private static void SortNodeRows(NodeTable nodes, int[] rows)
    {
        var ids = nodes.Ids;
        var keys = new ulong[rows.Length];
        var sorted = true;
        for (var i = 0; i < rows.Length; i++)
        {
            keys[i] = ids[rows[i]];
            sorted &= i == 0 || keys[i - 1] <= keys[i];
        }

        if (!sorted)
        {
            Array.Sort(keys, rows);
        }
    }

    private static void SortEdgeRows(EdgeTable edges, int[] rows)
    {
        var u = edges.U;
        var v = edges.V;
        var keys = new UInt128[rows.Length];
        var sorted = true;
        for (var i = 0; i < rows.Length; i++)
        {
            var a = u[rows[i]];
            var b = v[rows[i]];
            keys[i] = new UInt128(Math.Min(a, b), Math.Max(a, b));
            sorted &= i == 0 || keys[i - 1] <= keys[i];
        }

        if (!sorted)
        {
            Array.Sort(keys, rows);
        }
    }

    private static int[] SelectRows(int count, Func<int, bool>? keep)
    {
        if (keep is null)
        {
            var all = new int[count];
            for (var i = 0; i < count; i++)
            {
                all[i] = i;
            }

            return all;
        }

        var rows = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            if (keep(i))
            {
                rows.Add(i);
            }
        }

        return [.. rows];
    }
}
