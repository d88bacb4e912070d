namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a setting that is part of the task's configuration (serialised in snake_case, or under its
/// <c>[JsonPropertyName]</c>). <c>Process</c> reads it as an ordinary property.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ParameterAttribute : Attribute;
