namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a list <c>[Parameter]</c> that holds one value per offset of an affinity neighbourhood (a bias, a stride per
/// offset), naming the neighbourhood: a list property (<c>[Parameter, PerOffset(nameof(Neighborhood))]</c>) or an
/// <c>Affs&lt;T&gt;</c> port, whose configured or stored neighbourhood counts. The generated validation checks the
/// length before anything is created; the analyzers check it where both are constants.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PerOffsetAttribute(string neighborhood) : Attribute
{
    /// <summary>The name of the task's neighbourhood property: a list of offsets or an affinities port.</summary>
    public string Neighborhood { get; } = neighborhood;
}
