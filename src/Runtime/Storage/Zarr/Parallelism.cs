using System.Runtime.ExceptionServices;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Runs independent per-chunk work, in parallel when asked, rethrowing the first failure unwrapped.</summary>
internal static class Parallelism
{
    // One chunk per core at a time: each chunk in flight holds its stored and decoded bytes, and an unbounded loop
    // takes every thread the pool has grown to, so a worker's chunk memory would follow the pool, not the machine.
    private static readonly ParallelOptions Bounded = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    // Writing spends much of a chunk's time blocked in the file system (creating, renaming), not on a core: twice as
    // many chunks in flight keep the cores encoding meanwhile.
    private static readonly ParallelOptions WriteBounded = new() { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount };

    public static void ForWrites(long count, Action<long> work) => Run(count, true, work, WriteBounded);

    public static void For(long count, bool parallel, Action<long> work) => Run(count, parallel, work, Bounded);

    private static void Run(long count, bool parallel, Action<long> work, ParallelOptions options)
    {
        if (!parallel || count <= 1)
        {
            for (long i = 0; i < count; i++)
            {
                work(i);
            }

            return;
        }

        try
        {
            Parallel.For(0L, count, options, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Whether the chunks inside one shard should be spread over cores: only when few shards are touched.</summary>
    public static bool SpreadInsideShards(long shardCount) => shardCount < Environment.ProcessorCount;
}
