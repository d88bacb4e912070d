using System.Globalization;
using System.Text;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Graphs;

/// <summary>A ROI as per-dim half-open float bounds for node positions; unbounded dims are skipped.</summary>
internal sealed class RoiBounds
{
    private readonly bool[] _bounded;
    private readonly double[] _begin;
    private readonly double[] _end;

    private RoiBounds(bool[] bounded, double[] begin, double[] end)
    {
        _bounded = bounded;
        _begin = begin;
        _end = end;
        IsUnbounded = !bounded.Contains(true);
    }

    /// <summary>True when no dim is bounded: everything is inside.</summary>
    public bool IsUnbounded { get; }

    public static RoiBounds From(Roi roi, int dims, string database)
    {
        if (roi.Dims != dims)
        {
            throw new ArgumentException($"graph database '{database}': ROI {roi} has {roi.Dims} dims, the node positions have {dims}", nameof(roi));
        }

        var bounded = new bool[dims];
        var begin = new double[dims];
        var end = new double[dims];
        for (var d = 0; d < dims; d++)
        {
            if (roi.Shape[d] is { } shape && roi.Offset[d] is { } offset)
            {
                bounded[d] = true;
                begin[d] = offset;
                end[d] = offset + shape;
            }
        }

        return new RoiBounds(bounded, begin, end);
    }

    public static RoiBounds? FromOptional(Roi? roi, int dims, string database) =>
        roi is { } value ? From(value, dims, database) : null;

    public bool Contains(ReadOnlySpan<float> position)
    {
        for (var d = 0; d < _bounded.Length; d++)
        {
            if (_bounded[d] && !(position[d] >= _begin[d] && position[d] < _end[d]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The SQL condition <c>c0 &gt;= b0 AND c0 &lt; e0 AND …</c> over the bounded dims, with the bounds inlined as
    /// invariant numbers (they are integers from a <see cref="Roi"/>, so no injection is possible); <c>TRUE</c>-like
    /// <c>1=1</c> when unbounded.
    /// </summary>
    public string SqlCondition(Func<int, string> column)
    {
        if (IsUnbounded)
        {
            return "1=1";
        }

        var sql = new StringBuilder();
        for (var d = 0; d < _bounded.Length; d++)
        {
            if (!_bounded[d])
            {
                continue;
            }

            if (sql.Length > 0)
            {
                sql.Append(" AND ");
            }

            var c = column(d);
            sql.Append(CultureInfo.InvariantCulture, $"{c} >= {_begin[d]:R} AND {c} < {_end[d]:R}");
        }

        return sql.ToString();
    }
}
