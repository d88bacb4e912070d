namespace Volara.Runtime.Graphs;

/// <summary>An attribute column of booleans.</summary>
public sealed class BoolColumn : ValueColumn<bool>
{
    internal BoolColumn(GraphAttribute attribute)
        : base(attribute)
    {
    }
}
