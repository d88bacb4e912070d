namespace Volara.Runtime.Engine.Execution;

/// <summary>
/// Runs every block in the calling thread, one after another (for debugging). A failing block is retried and
/// reported like in any other mode; it does not abort the run.
/// </summary>
public sealed class SerialExecutor : IExecutor
{
    public Task RunAsync(IBlockSource blocks, ExecutionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(settings);
        var workers = new Dictionary<string, InProcessWorker>();
        try
        {
            while (!blocks.IsFinished)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool ranAny = false;
                for (int i = 0; i < blocks.Tasks.Count; i++)
                {
                    var task = blocks.Tasks[i];
                    foreach (var block in blocks.Acquire(task.Name, 1))
                    {
                        if (!workers.TryGetValue(task.Name, out var worker))
                        {
                            worker = new InProcessWorker(task, i, blocks, settings);
                            workers[task.Name] = worker;
                        }

                        worker.Run(block);
                        ranAny = true;
                    }
                }

                if (!ranAny && !blocks.IsFinished)
                {
                    throw new InvalidOperationException("no block is ready although the run is not finished: the block source stalled");
                }
            }
        }
        finally
        {
            foreach (var worker in workers.Values)
            {
                worker.Dispose();
            }
        }

        return Task.CompletedTask;
    }
}
