namespace Volara.Runtime.Graphs;

/// <summary>
/// One attribute of every row of a <see cref="GraphTable"/>, stored as a flat array (<see cref="GraphAttributeType.Width"/>
/// values per row). Rows are present with value 0 / false / null text until set; <see cref="SetNull"/> marks a
/// row's value as missing (SQL <c>NULL</c>).
/// </summary>
public abstract class AttributeColumn
{
    private bool[]? _nulls;

    private protected AttributeColumn(GraphAttribute attribute)
    {
        Attribute = attribute;
    }

    public GraphAttribute Attribute { get; }

    public string Name => Attribute.Name;

    public GraphAttributeType Type => Attribute.Type;

    /// <summary>Values per row.</summary>
    public int Width => Attribute.Type.Width;

    /// <summary>Number of rows (the table's count).</summary>
    public int Count { get; private set; }

    /// <summary>True when some row is null.</summary>
    public bool HasNulls { get; private set; }

    /// <summary>True when the row's value is missing.</summary>
    public bool IsNull(int row)
    {
        CheckRow(row);
        return _nulls is not null && _nulls[row];
    }

    /// <summary>Marks the row's value as missing (or present again).</summary>
    public void SetNull(int row, bool isNull = true)
    {
        CheckRow(row);
        if (_nulls is null)
        {
            if (!isNull)
            {
                return;
            }

            _nulls = new bool[Capacity];
        }

        _nulls[row] = isNull;
        HasNulls |= isNull;
    }

    private protected abstract int Capacity { get; }

    private protected abstract void GrowValues(int capacity);

    private protected abstract void ClearValues(int from, int to);

    internal void Resize(int count, int capacity)
    {
        if (capacity > Capacity)
        {
            GrowValues(capacity);
            if (_nulls is not null)
            {
                Array.Resize(ref _nulls, capacity);
            }
        }

        if (count < Count)
        {
            // Rows dropped and later re-added start present and zeroed again.
            ClearValues(count, Count);
            if (_nulls is not null)
            {
                Array.Clear(_nulls, count, Count - count);
            }
        }

        Count = count;
    }

    /// <summary>Copies row <paramref name="from"/> of <paramref name="source"/> (same type) into row <paramref name="to"/>.</summary>
    internal abstract void CopyRow(AttributeColumn source, int from, int to);

    private protected void CheckRow(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"attribute '{Name}' has {Count} rows");
        }
    }

    private protected void CopyNull(AttributeColumn source, int from, int to)
    {
        if (source.HasNulls && source._nulls![from])
        {
            SetNull(to);
        }
        else if (_nulls is not null)
        {
            _nulls[to] = false;
        }
    }
}
