namespace Volara.Runtime.Graphs;

/// <summary>An attribute column of float values (Vec(float, n) rows are n consecutive values).</summary>
public sealed class FloatColumn : ValueColumn<float>
{
    internal FloatColumn(GraphAttribute attribute)
        : base(attribute)
    {
    }
}
