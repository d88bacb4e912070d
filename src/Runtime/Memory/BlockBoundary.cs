using System.Runtime;

namespace Volara.Runtime.Memory;

/// <summary>
/// What a worker does between two blocks so that its memory stays that of one block: idle scratch memory and chunk
/// buffers are let go, and the managed heap is collected once its garbage has grown past a fixed slack.
/// </summary>
/// <remarks>
/// The managed heap would otherwise settle wherever the collector's budgets take it: the garbage of a block is mostly
/// large arrays, which only a full collection reclaims, and the collector's budget for them grows with every
/// collection that finds little to free — hundreds of megabytes per worker over a few hundred blocks. Between blocks
/// almost nothing is live, so a full, compacting collection there is cheap (milliseconds) and leaves the heap at its
/// floor; it runs only once the garbage exceeds the slack, so a stream of small blocks does not pay for it each time.
/// </remarks>
public static class BlockBoundary
{
    private const long Slack = 64L << 20;
    private static long _heapAfterLastCollection;

    /// <summary>Called by the engine after every block, whatever its outcome.</summary>
    public static void AfterBlock()
    {
        ScratchMemory.ReleaseIdle();
        ByteArrayPool.ReleaseIdle();
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        long floor = Interlocked.Read(ref _heapAfterLastCollection);
        if (heap > floor + Slack)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            Interlocked.Exchange(ref _heapAfterLastCollection, GC.GetTotalMemory(forceFullCollection: false));
        }
    }
}
