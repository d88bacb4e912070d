namespace Volara.Runtime.Graphs;

/// <summary>
/// Columnar rows of a graph (nodes or edges): the key columns of the subclass plus one flat
/// <see cref="AttributeColumn"/> per declared attribute, all grown together. Not thread-safe.
/// </summary>
public abstract class GraphTable
{
    private readonly AttributeColumn[] _columns;
    private readonly Dictionary<string, AttributeColumn> _byName;
    private int _capacity;

    private protected GraphTable(IReadOnlyList<GraphAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        _columns = new AttributeColumn[attributes.Count];
        _byName = new Dictionary<string, AttributeColumn>(attributes.Count, StringComparer.Ordinal);
        for (var i = 0; i < attributes.Count; i++)
        {
            var column = CreateColumn(attributes[i]);
            _columns[i] = column;
            _byName.Add(column.Name, column);
        }
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>The attribute columns, in schema order.</summary>
    public IReadOnlyList<AttributeColumn> Columns => _columns;

    /// <summary>The attributes of the columns, in schema order.</summary>
    public IReadOnlyList<GraphAttribute> Attributes => _columns.Select(c => c.Attribute).ToArray();

    /// <summary>What the rows are, for error messages (<c>nodes</c>, <c>edges</c>).</summary>
    private protected abstract string RowKind { get; }

    /// <summary>The column of an attribute; throws naming the attribute when it is not declared.</summary>
    public AttributeColumn Column(string name) =>
        _byName.TryGetValue(name, out var column)
            ? column
            : throw new KeyNotFoundException($"{RowKind} have no attribute '{name}' (declared: {string.Join(", ", _byName.Keys)})");

    /// <summary>True when the attribute is declared.</summary>
    public bool HasColumn(string name) => _byName.ContainsKey(name);

    public FloatColumn Floats(string name) => Typed<FloatColumn>(name, GraphValueKind.Float);

    public IntColumn Ints(string name) => Typed<IntColumn>(name, GraphValueKind.Int);

    public BoolColumn Bools(string name) => Typed<BoolColumn>(name, GraphValueKind.Bool);

    public StringColumn Strings(string name) => Typed<StringColumn>(name, GraphValueKind.Str);

    /// <summary>Makes room for <paramref name="capacity"/> rows without changing <see cref="Count"/>.</summary>
    public void Reserve(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity <= _capacity)
        {
            return;
        }

        _capacity = capacity;
        GrowKeys(capacity);
        foreach (var column in _columns)
        {
            column.Resize(Count, capacity);
        }
    }

    /// <summary>
    /// Sets the number of rows. New rows are zeroed and present (not null), so a producer that knows its row count
    /// can size the table once and fill the spans directly.
    /// </summary>
    public void Resize(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _capacity)
        {
            Reserve(Math.Max(count, _capacity * 2));
        }

        if (count < Count)
        {
            ClearKeys(count, Count);
        }

        Count = count;
        foreach (var column in _columns)
        {
            column.Resize(count, _capacity);
        }
    }

    /// <summary>Removes all rows (keeps the capacity).</summary>
    public void Clear() => Resize(0);

    /// <summary>Appends one zeroed row and returns its index.</summary>
    private protected int AddRow()
    {
        var row = Count;
        Resize(row + 1);
        return row;
    }

    private protected abstract void GrowKeys(int capacity);

    private protected abstract void ClearKeys(int from, int to);

    private protected void CopyAttributes(GraphTable source, int from, int to)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].CopyRow(source._columns[i], from, to);
        }
    }

    private T Typed<T>(string name, GraphValueKind kind)
        where T : AttributeColumn
    {
        var column = Column(name);
        return column as T
            ?? throw new InvalidCastException($"{RowKind} attribute '{name}' is {column.Type}, not {kind.ToString().ToLowerInvariant()}");
    }

    private static AttributeColumn CreateColumn(GraphAttribute attribute) => attribute.Type.Kind switch
    {
        GraphValueKind.Float => new FloatColumn(attribute),
        GraphValueKind.Int => new IntColumn(attribute),
        GraphValueKind.Bool => new BoolColumn(attribute),
        GraphValueKind.Str => new StringColumn(attribute),
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Type.Kind, null),
    };
}
