namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a list <c>[Parameter]</c> that holds one value per offset of an affinity neighbourhood (a bias, a stride per
/// offset), naming the neighbourhood property: <c>[Parameter, PerOffset(nameof(Neighborhood))]</c>. The analyzers
/// check that both lists, where given as constants, have the same length.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PerOffsetAttribute(string neighborhood) : Attribute
{
    /// <summary>The name of the task's neighbourhood property (a list of offsets).</summary>
    public string Neighborhood { get; } = neighborhood;
}
