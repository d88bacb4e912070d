namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a typed dataset property (<c>Raw&lt;T&gt;</c>, <c>Affs&lt;T&gt;</c>, <c>Labels&lt;T&gt;</c>, <c>Lsd&lt;T&gt;</c>) that the
/// task reads. <c>Process</c> receives it as <c>ReadOnlyTensorSpan&lt;T&gt;</c> over the block's read ROI.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class InputAttribute : Attribute;
