namespace Volara.Runtime.Graphs;

/// <summary>
/// Graph nodes, columnar: <see cref="Ids"/>, <see cref="Positions"/> (<see cref="Dims"/> floats per node,
/// row-major, world units) and the attribute columns of the schema.
/// </summary>
public sealed class NodeTable : GraphTable
{
    private ulong[] _ids = [];
    private float[] _positions = [];

    /// <summary>An empty table with the schema's node attributes.</summary>
    public NodeTable(GraphSchema schema, int capacity = 0)
        : this(schema?.Dims ?? throw new ArgumentNullException(nameof(schema)), schema.NodeAttributes, capacity)
    {
    }

    /// <summary>An empty table with the given attributes.</summary>
    public NodeTable(int dims, IReadOnlyList<GraphAttribute> attributes, int capacity = 0)
        : base(attributes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dims, 1);
        Dims = dims;
        Reserve(capacity);
    }

    /// <summary>Position coordinates per node.</summary>
    public int Dims { get; }

    public Span<ulong> Ids => _ids.AsSpan(0, Count);

    /// <summary>All positions, <see cref="Dims"/> per node.</summary>
    public Span<float> Positions => _positions.AsSpan(0, Count * Dims);

    private protected override string RowKind => "nodes";

    /// <summary>The position of one node.</summary>
    public Span<float> Position(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"the table has {Count} nodes");
        }

        return _positions.AsSpan(row * Dims, Dims);
    }

    /// <summary>Appends a node (attributes zeroed, present) and returns its row.</summary>
    public int Add(ulong id, ReadOnlySpan<float> position)
    {
        if (position.Length != Dims)
        {
            throw new ArgumentException($"node {id}: position has {position.Length} coordinates, the graph has {Dims}", nameof(position));
        }

        var row = AddRow();
        _ids[row] = id;
        position.CopyTo(_positions.AsSpan(row * Dims, Dims));
        return row;
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/> (same attributes) and returns the new row.</summary>
    public int AddFrom(NodeTable source, int row)
    {
        ArgumentNullException.ThrowIfNull(source);
        var to = Add(source.Ids[row], source.Position(row));
        CopyAttributes(source, row, to);
        return to;
    }

    private protected override void GrowKeys(int capacity)
    {
        if (capacity > _ids.Length)
        {
            Array.Resize(ref _ids, capacity);
            Array.Resize(ref _positions, capacity * Dims);
        }
    }

    private protected override void ClearKeys(int from, int to)
    {
        Array.Clear(_ids, from, to - from);
        Array.Clear(_positions, from * Dims, (to - from) * Dims);
    }
}
