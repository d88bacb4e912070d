using System.Collections.Concurrent;

namespace Volara.Workers;

/// <summary>
/// The one thread on which a worker process runs its blocks (and creates and disposes its processor). Left to the
/// thread pool, a worker's blocks ran on whichever thread resumed the driver conversation: a long synchronous block
/// starves the pool, the pool adds threads, and thread-affine state — per-thread array-pool caches, a pooled database
/// connection — followed the blocks from thread to thread.
/// </summary>
internal sealed class BlockThread : IDisposable
{
    private readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> _queue = new();
    private readonly Thread _thread;

    public BlockThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the block thread; completes when it has returned or thrown.</summary>
    public Task RunAsync(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((work, done));
        return done.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Loop()
    {
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception error)
            {
                done.SetException(error);
            }
        }
    }
}
