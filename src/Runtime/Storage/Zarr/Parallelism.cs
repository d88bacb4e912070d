using System.Runtime.ExceptionServices;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Runs independent per-chunk work, in parallel when asked, rethrowing the first failure unwrapped.</summary>
internal static class Parallelism
{
    // One chunk per core at a time: each chunk in flight holds its stored and decoded bytes, and an unbounded loop
    // takes every thread the pool has grown to, so a worker's chunk memory would follow the pool, not the machine.
    private static readonly ParallelOptions Bounded = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    public static void For(long count, bool parallel, Action<long> work)
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
            Parallel.For(0L, count, Bounded, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Whether the chunks inside one shard should be spread over cores: only when few shards are touched.</summary>
    public static bool SpreadInsideShards(long shardCount) => shardCount < Environment.ProcessorCount;
}
