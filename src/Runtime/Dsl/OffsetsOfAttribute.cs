namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a <c>[Parameter]</c> whose offsets must all be offsets of the neighbourhood of an affinities port, naming that
/// port: <c>[Parameter, OffsetsOf(nameof(Affs))]</c> (AffAgglom's score groups). The value may be offsets, lists of
/// them, or a dictionary whose values are such lists. The generated validation checks it against the configured
/// neighbourhood; the analyzers check offsets given as constants.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OffsetsOfAttribute(string affinities) : Attribute
{
    /// <summary>The name of the task's <c>Affs&lt;T&gt;</c> port.</summary>
    public string Affinities { get; } = affinities;
}
