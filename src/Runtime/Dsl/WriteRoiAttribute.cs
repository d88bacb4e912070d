namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks an optional <c>Roi?</c> property (world units) that restricts the region the task writes; without it, or when
/// null, the task writes the whole ROI of its first input.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class WriteRoiAttribute : Attribute;
