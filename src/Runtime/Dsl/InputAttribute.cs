namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a typed dataset property (<c>Raw&lt;T&gt;</c>, <c>Affs&lt;T&gt;</c>, <c>Labels&lt;T&gt;</c>, <c>Lsd&lt;T&gt;</c>) that the
/// task reads. <c>Process</c> receives it as <c>ReadOnlyTensorSpan&lt;T&gt;</c> over the block's read ROI.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>
    /// The element kinds the stored data must have for the task to make sense (e.g. unsigned integers for fragment
    /// ids, floating point for probabilities); values are converted on read, so <c>T</c> alone cannot say it.
    /// The analyzers check the port's <c>T</c> and, in pipelines built in code, the producer's (VOL0101).
    /// </summary>
    public ElementKinds Requires { get; init; } = ElementKinds.Any;
}
