namespace Volara.Runtime.Dsl.Description;

/// <summary>What an input or output dataset field expects.</summary>
/// <param name="Kind">The dataset kind it is declared as (<c>raw</c>, <c>affs</c>, <c>labels</c>, <c>lsd</c>); null for an untyped dataset.</param>
/// <param name="ElementType">The element type Process sees; null for <c>Stored</c> ports (the stored type) and untyped datasets.</param>
/// <param name="Requires">For inputs: the element kinds the stored data must have.</param>
/// <param name="SpatialOnly">For outputs: prepared with the physical axes of the first input only.</param>
/// <param name="List">A list of outputs, one dataset (or null) per entry.</param>
public sealed record PortDescriptor(string? Kind, Type? ElementType, ElementKinds Requires, bool SpatialOnly = false, bool List = false)
{
    /// <summary>Read (false) or written (true).</summary>
    public required bool IsOutput { get; init; }
}
