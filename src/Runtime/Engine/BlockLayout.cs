using Volara.Runtime.Geometry;

namespace Volara.Runtime.Engine;

/// <summary>
/// The block geometry of a task, in world units: the region the task writes, the block (write) size and
/// the context read around each block on the low and high side.
/// </summary>
public sealed record BlockLayout(
    Roi TotalWriteRoi,
    Coordinate BlockSize,
    Coordinate ContextLow,
    Coordinate ContextHigh,
    BlockFit Fit = BlockFit.Valid,
    bool ReadWriteConflict = false)
{
    /// <summary>The region read by the whole task: the write ROI grown by the context.</summary>
    public Roi TotalReadRoi => TotalWriteRoi.Grow(ContextLow, ContextHigh);

    /// <summary>The write ROI of a block relative to the block origin (daisy's <c>write_roi</c> template).</summary>
    public Roi BlockWriteRoi => new(Coordinate.Filled(BlockSize.Dims, 0), BlockSize);

    /// <summary>The read ROI of a block relative to the block origin (daisy's <c>read_roi</c> template).</summary>
    public Roi BlockReadRoi => BlockWriteRoi.Grow(ContextLow, ContextHigh);
}
