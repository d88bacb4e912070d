namespace Volara.Generators.Model
{
    /// <summary>An <c>[Input]</c> or <c>[Output]</c> property.</summary>
    /// <param name="Property">The property name.</param>
    /// <param name="Field">Its configuration name, used in messages.</param>
    /// <param name="ElementType">The fully qualified element type <c>T</c>; <c>T</c> itself for a <c>Stored</c> port.</param>
    /// <param name="SpatialOnly">For outputs: prepared with the physical axes of the first input only.</param>
    /// <param name="Optional">The property is nullable: a port that may be left unconfigured.</param>
    /// <param name="Stored">Declared with the <c>Stored</c> marker: read or written in the stored type, Process's type parameter.</param>
    /// <param name="List">An output declared as <c>IReadOnlyList&lt;Dataset?&gt;</c>: one dataset (or null, discarded) per entry, each
    /// prepared by the task's <c>OutputFormat(field, index)</c>; Process writes the opened arrays itself.</param>
    /// <param name="Kind">The dataset kind in lower case (<c>raw</c>, <c>affs</c>, <c>labels</c>, <c>lsd</c>); empty for a list output.</param>
    /// <param name="Requires">For inputs: the <c>ElementKinds</c> flags the stored data must have (<c>[Input(Requires = …)]</c>).</param>
    public sealed record PortModel(string Property, string Field, string ElementType, bool SpatialOnly, bool Optional, bool Stored, bool List = false, int Requires = Rules.DeclaredPort.AnyKind, string Kind = "");
}
