namespace Volara.Generators.Model
{
    /// <summary>A configuration field: a public settable property of the task (or the base class's execution options).</summary>
    /// <param name="Property">The property name.</param>
    /// <param name="Field">Its configuration name.</param>
    /// <param name="Type">The property type, fully qualified, with nullable annotations (for generic arguments).</param>
    /// <param name="TypeOf">The same without nullable reference annotations (for <c>typeof</c>).</param>
    /// <param name="Role">The <c>FieldRole</c> member: Parameter, Input, Output, BlockSize, Context, WriteRoi or Execution.</param>
    /// <param name="Required">Declared <c>required</c>.</param>
    /// <param name="Nullable">The type is nullable.</param>
    /// <param name="ItemsNullable">A collection whose items are nullable.</param>
    /// <param name="InitOnly">Set through an <c>init</c> accessor (called without the object initializer that C# requires).</param>
    /// <param name="DeclaringType">The fully qualified class that declares the property.</param>
    /// <param name="Description">The documentation summary as plain text, or null.</param>
    /// <param name="Default">The initializer as JSON text when it is a literal, or null.</param>
    /// <param name="Converter">The fully qualified type of the property's <c>[JsonConverter]</c>, or null.</param>
    /// <param name="IgnoreCondition">The <c>JsonIgnoreCondition</c> member of a conditional <c>[JsonIgnore]</c>, or null.</param>
    /// <param name="DatasetKind">For a parameter holding an untyped dataset: its kind in lower case (<c>dataset</c> for the base class); else null.</param>
    /// <param name="Writes">That dataset (or stored result) is written by the task (<c>[Parameter(Writes = true)]</c>).</param>
    /// <param name="StoredResult">The type is a result kept outside the arrays (<c>IStoredResult</c>: a graph database, a look-up table).</param>
    public sealed record FieldModel(
        string Property,
        string Field,
        string Type,
        string TypeOf,
        string Role,
        bool Required,
        bool Nullable,
        bool ItemsNullable,
        bool InitOnly,
        string DeclaringType,
        string? Description,
        string? Default,
        string? Converter,
        string? IgnoreCondition,
        string? DatasetKind = null,
        bool Writes = false,
        bool StoredResult = false);
}
