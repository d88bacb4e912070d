namespace Volara.Runtime.Dsl.Rules;

/// <summary>
/// What makes a task's block size and context valid. Pure functions on plain values, source-linked into the
/// analyzers, so the compile-time check and the runtime validation are one rule.
/// </summary>
public static class TaskCoordinateRules
{
    /// <summary>A block must cover at least one voxel along each axis.</summary>
    public static bool IsValidBlockSizeValue(long value) => value > 0;

    /// <summary>Context is the margin read on each side of a block; none is allowed, less than none is not.</summary>
    public static bool IsValidContextValue(long value) => value >= 0;

    /// <summary>Block size and context describe the same physical axes, so they have the same number of values.</summary>
    public static bool DimensionsAgree(int blockSizeDims, int contextDims) => blockSizeDims == contextDims;
}
