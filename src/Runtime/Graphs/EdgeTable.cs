namespace Volara.Runtime.Graphs;

/// <summary>
/// Graph edges, columnar: endpoints <see cref="U"/> and <see cref="V"/> and the attribute columns of the schema.
/// The graph is undirected: writes store each edge as (min, max), so (a, b) and (b, a) are the same edge.
/// </summary>
public sealed class EdgeTable : GraphTable
{
    private ulong[] _u = [];
    private ulong[] _v = [];

    /// <summary>An empty table with the schema's edge attributes.</summary>
    public EdgeTable(GraphSchema schema, int capacity = 0)
        : this(schema?.EdgeAttributes ?? throw new ArgumentNullException(nameof(schema)), capacity)
    {
    }

    /// <summary>An empty table with the given attributes.</summary>
    public EdgeTable(IReadOnlyList<GraphAttribute> attributes, int capacity = 0)
        : base(attributes)
    {
        Reserve(capacity);
    }

    public Span<ulong> U => _u.AsSpan(0, Count);

    public Span<ulong> V => _v.AsSpan(0, Count);

    private protected override string RowKind => "edges";

    /// <summary>Appends an edge (attributes zeroed, present) and returns its row.</summary>
    public int Add(ulong u, ulong v)
    {
        var row = AddRow();
        _u[row] = u;
        _v[row] = v;
        return row;
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/> (same attributes) and returns the new row.</summary>
    public int AddFrom(EdgeTable source, int row)
    {
        ArgumentNullException.ThrowIfNull(source);
        var to = Add(source.U[row], source.V[row]);
        CopyAttributes(source, row, to);
        return to;
    }

    private protected override void GrowKeys(int capacity)
    {
        if (capacity > _u.Length)
        {
            Array.Resize(ref _u, capacity);
            Array.Resize(ref _v, capacity);
        }
    }

    private protected override void ClearKeys(int from, int to)
    {
        Array.Clear(_u, from, to - from);
        Array.Clear(_v, from, to - from);
    }
}
