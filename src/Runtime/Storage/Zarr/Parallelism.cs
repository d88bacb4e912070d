using System.Runtime.ExceptionServices;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Runs independent per-chunk work, in parallel when asked, rethrowing the first failure unwrapped.</summary>
internal static class Parallelism
{
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
            Parallel.For(0L, count, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Whether the chunks inside one shard should be spread over cores: only when few shards are touched.</summary>
    public static bool SpreadInsideShards(long shardCount) => shardCount < Environment.ProcessorCount;
}
