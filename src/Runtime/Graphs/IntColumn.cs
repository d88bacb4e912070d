namespace Volara.Runtime.Graphs;

/// <summary>An attribute column of 64-bit integers.</summary>
public sealed class IntColumn : ValueColumn<long>
{
    internal IntColumn(GraphAttribute attribute)
        : base(attribute)
    {
    }
}
