namespace Volara.Runtime.Engine;

/// <summary>
/// A task that knows the working memory one block needs beyond its read and write buffers — its kernel's scratch
/// (docs/performance.md) — so that a worker's memory can be estimated before anything runs (<c>volara plan</c>).
/// </summary>
public interface IBlockScratchEstimate
{
    /// <summary>Scratch bytes for one block.</summary>
    /// <param name="readVoxels">Voxels in the block's read region (block and context).</param>
    /// <param name="writeVoxels">Voxels in its write region.</param>
    long BlockScratchBytes(long readVoxels, long writeVoxels);
}
