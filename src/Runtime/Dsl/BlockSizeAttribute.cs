namespace Volara.Runtime.Dsl;

/// <summary>Marks the <c>Coordinate</c> property holding the block (write) size in voxels, one value per physical axis.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class BlockSizeAttribute : Attribute;
