using System.Runtime;

namespace Volara.Runtime.Memory;

/// <summary>
/// What a worker does between two blocks so that its memory stays that of one block: idle scratch memory goes back
/// to the operating system, and the managed heap is collected once its garbage outweighs what is live.
/// </summary>
/// <remarks>
/// The managed heap would otherwise settle wherever the collector's budgets take it; in a worker that waits for
/// blocks between bursts of allocation (a task pipelined behind another) that was two to three times the live heap
/// and growing over hundreds of blocks. Between blocks almost nothing is live, so a full, compacting collection
/// there is cheap (milliseconds) and leaves the heap at its floor; it runs only when the heap has doubled since the
/// last one, so a stream of small blocks does not pay for it each time.
/// </remarks>
public static class BlockBoundary
{
    private const long Slack = 32L << 20;
    private static long _heapAfterLastCollection;

    /// <summary>Called by the engine after every block, whatever its outcome.</summary>
    public static void AfterBlock()
    {
        ScratchMemory.ReleaseIdle();
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        long floor = Interlocked.Read(ref _heapAfterLastCollection);
        if (heap > (2 * floor) + Slack)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            Interlocked.Exchange(ref _heapAfterLastCollection, GC.GetTotalMemory(forceFullCollection: false));
        }
    }
}
