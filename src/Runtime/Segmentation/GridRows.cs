namespace Volara.Runtime.Segmentation;

/// <summary>
/// The rows (runs along the last axis) of one channel's edge box, for loops that want the inner run themselves:
/// <c>while (rows.MoveNext()) for (x = rows.First; x &lt; rows.End; x += rows.Step) visit(rows.Start + x)</c>.
/// </summary>
internal struct GridRows
{
    private readonly int[] _position;
    private readonly int[] _lower;
    private readonly int[] _upper;
    private readonly int[] _steps;
    private readonly int[] _linear;
    private bool _started;
    private bool _empty;

    public GridRows(GridGeometry grid, int channel, bool everyPosition)
    {
        _lower = grid.Lower[channel];
        _upper = grid.Upper[channel];
        _linear = grid.LinearStrides;
        int dims = grid.Dims;
        _steps = everyPosition ? Enumerable.Repeat(1, dims).ToArray() : grid.EdgeStrides[channel];
        _position = (int[])_lower.Clone();
        for (int d = 0; d < dims; d++)
        {
            _empty |= _lower[d] >= _upper[d];
        }

        First = _lower[dims - 1];
        End = _upper[dims - 1];
        Step = _steps[dims - 1];
        Start = 0;
    }

    /// <summary>Linear index of the row's x = 0.</summary>
    public int Start { get; private set; }

    public int First { get; }

    public int End { get; }

    public int Step { get; }

    /// <summary>Length of a row: the number of positions First, First + Step, … below End.</summary>
    public readonly int Count => End > First ? ((End - First - 1) / Step) + 1 : 0;

    public bool MoveNext()
    {
        if (_empty)
        {
            return false;
        }

        int last = _position.Length - 1;
        if (_started)
        {
            int axis = last - 1;
            while (axis >= 0)
            {
                _position[axis] += _steps[axis];
                if (_position[axis] < _upper[axis])
                {
                    break;
                }

                _position[axis] = _lower[axis];
                axis--;
            }

            if (axis < 0)
            {
                _empty = true;
                return false;
            }
        }

        _started = true;
        int start = 0;
        for (int d = 0; d < last; d++)
        {
            start += _position[d] * _linear[d];
        }

        Start = start;
        return true;
    }
}
