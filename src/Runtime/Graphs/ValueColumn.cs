namespace Volara.Runtime.Graphs;

/// <summary>
/// An attribute column of fixed-size values stored in one flat array: a Vec(type, n) attribute keeps each row's n
/// values consecutively, so whole columns go to and from the databases as spans.
/// </summary>
public abstract class ValueColumn<T> : AttributeColumn
    where T : unmanaged
{
    private T[] _values = [];

    private protected ValueColumn(GraphAttribute attribute)
        : base(attribute)
    {
    }

    /// <summary>All values, row-major: <see cref="AttributeColumn.Width"/> per row.</summary>
    public Span<T> Values => _values.AsSpan(0, Count * Width);

    /// <summary>The value of a scalar attribute's row (the first element for a vector).</summary>
    public T this[int row]
    {
        get
        {
            CheckRow(row);
            return _values[row * Width];
        }

        set
        {
            CheckRow(row);
            _values[row * Width] = value;
        }
    }

    /// <summary>The values of one row (length <see cref="AttributeColumn.Width"/>).</summary>
    public Span<T> Row(int row)
    {
        CheckRow(row);
        return _values.AsSpan(row * Width, Width);
    }

    private protected override int Capacity => _values.Length / Width;

    private protected override void GrowValues(int capacity) => Array.Resize(ref _values, capacity * Width);

    private protected override void ClearValues(int from, int to) => Array.Clear(_values, from * Width, (to - from) * Width);

    internal override void CopyRow(AttributeColumn source, int from, int to)
    {
        var typed = (ValueColumn<T>)source;
        Array.Copy(typed._values, from * Width, _values, to * Width, Width);
        CopyNull(source, from, to);
    }
}
