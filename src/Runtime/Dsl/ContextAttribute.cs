namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a <c>Coordinate</c> property holding the context in voxels read around each block on both sides
/// (non-negative, one value per physical axis). Without it a task has no context.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ContextAttribute : Attribute;
