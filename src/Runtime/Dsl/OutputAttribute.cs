namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a typed dataset property that the task writes. <c>Process</c> receives it as <c>TensorSpan&lt;T&gt;</c>
/// over the block's write ROI. Init prepares it like the first input: same ROI, voxel size, units and axes,
/// chunks of one block, element type <c>T</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
    /// <summary>The output keeps only the physical axes of the input (e.g. labels from class probabilities).</summary>
    public bool SpatialOnly { get; init; }
}
