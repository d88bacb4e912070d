namespace Volara.Runtime.Engine.Execution;

/// <summary>
/// Runs each task's blocks on <see cref="ExecutionOptions.NumWorkers"/> dedicated threads, each with its own
/// processor. All tasks' workers start together, so a downstream block runs as soon as its inputs are done. A
/// worker whose processor is staged reads its next block and writes its previous one while a block computes.
/// </summary>
public sealed class ThreadExecutor : IExecutor
{
    // Only a fallback for block sources whose wait can miss a wake-up; the scheduler's never does.
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(250);

    public async Task RunAsync(IBlockSource blocks, ExecutionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(settings);
        var done = new List<Task>();
        int nextWorkerId = 0;
        foreach (var task in blocks.Tasks)
        {
            for (int i = 0; i < Math.Max(1, task.Execution.NumWorkers); i++)
            {
                var worker = new InProcessWorker(task, nextWorkerId++, blocks, settings);
                var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var thread = new Thread(() =>
                {
                    try
                    {
                        WorkerLoop(task, worker, blocks, cancellationToken);
                        finished.SetResult();
                    }
                    catch (Exception exception)
                    {
                        finished.SetException(exception);
                    }
                    finally
                    {
                        worker.Dispose();
                    }
                })
                {
                    IsBackground = true,
                    Name = $"volara {task.Name} worker {worker.WorkerId}",
                };
                thread.Start();
                done.Add(finished.Task);
            }
        }

        await Task.WhenAll(done).ConfigureAwait(false);
    }

    private static void WorkerLoop(IBlockwiseTask task, InProcessWorker worker, IBlockSource blocks, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var acquired = blocks.Acquire(task.Name, 1);
            if (acquired.Count == 0)
            {
                // Blocks still in flight may be what the next ready blocks wait for.
                worker.Finish();
                if (blocks.IsTaskFinished(task.Name))
                {
                    return;
                }

                try
                {
                    blocks.WaitForReadyAsync(task.Name, cancellationToken).Wait(WaitSlice, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            foreach (var block in acquired)
            {
                worker.HandOver(block);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
