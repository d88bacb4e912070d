namespace Volara.Runtime.Engine;

/// <summary>
/// What an executor sees of the scheduler: it acquires ready blocks per task and reports each one back
/// exactly once. Implementations are thread-safe.
/// </summary>
public interface IBlockSource
{
    /// <summary>Every task of the run, upstream tasks first.</summary>
    IReadOnlyList<IBlockwiseTask> Tasks { get; }

    /// <summary>
    /// Hands out up to <paramref name="maxCount"/> ready blocks of the task (fewer, possibly none, when no
    /// more are ready right now). Blocks already done in an earlier run are skipped here, never handed out.
    /// </summary>
    IReadOnlyList<Block> Acquire(string taskName, int maxCount);

    /// <summary>Reports a block whose outputs are written; it is marked done and its dependants may become ready.</summary>
    void Succeeded(Block block);

    /// <summary>Reports a failed attempt; the block is retried or, past its retries, failed and its dependants orphaned.</summary>
    void Failed(Block block, BlockFailure failure);

    /// <summary>True once every block of the task is completed, failed or orphaned: no block of it will be ready again.</summary>
    bool IsTaskFinished(string taskName);

    /// <summary>
    /// A worker of the task reports the peak resident memory of its process so far; sources that keep no record
    /// ignore it.
    /// </summary>
    void ReportPeakMemory(string taskName, long peakResidentBytes)
    {
    }

    /// <summary>True once every task is finished.</summary>
    bool IsFinished { get; }

    /// <summary>Completes when blocks may have become ready, or everything finished, since the call.</summary>
    Task WaitForChangeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Completes once the task may have a ready block or is finished — immediately when that is already so,
    /// which closes the gap between an empty <see cref="Acquire"/> and the wait. Sources that cannot tell
    /// fall back to <see cref="WaitForChangeAsync"/>; callers should then also wait with a short timeout.
    /// </summary>
    Task WaitForReadyAsync(string taskName, CancellationToken cancellationToken) => WaitForChangeAsync(cancellationToken);
}
