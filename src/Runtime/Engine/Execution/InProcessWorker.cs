using Volara.Runtime.Memory;

namespace Volara.Runtime.Engine.Execution;

/// <summary>
/// One in-process worker of a task: owns a processor (created on first use, replaced after a timeout), runs
/// blocks on it and reports each one to the block source. Exceptions fail the block; they never end the run.
/// </summary>
internal sealed class InProcessWorker(IBlockwiseTask task, int workerId, IBlockSource blocks, ExecutionSettings settings) : IDisposable
{
    private readonly WorkerLog log = new(settings.LogDirectory, task.Name, workerId);
    private static readonly TimeSpan MemorySampleInterval = TimeSpan.FromSeconds(1);
    private IBlockProcessor? processor;
    private long lastMemorySample;

    public int WorkerId => workerId;

    public void Run(Block block)
    {
        try
        {
            processor ??= WorkerStart.CreateProcessor(task, workerId);
            if (task.Execution.BlockTimeout is { } limit)
            {
                RunWithTimeout(block, limit);
                return;
            }

            processor.Process(block);
        }
        catch (Exception exception)
        {
            log.Write($"Block {block} failed in worker {workerId}\n{exception}");
            blocks.Failed(block, new BlockFailure(workerId, BlockFailures.Describe(exception)));
            return;
        }
        finally
        {
            BlockBoundary.AfterBlock();
            SampleMemory();
        }

        blocks.Succeeded(block);
    }

    public void Dispose()
    {
        blocks.ReportPeakMemory(task.Name, ResidentMemory.PeakBytes());
        processor?.Dispose();
        log.Dispose();
    }

    // In-process workers share the driver's process, so its peak is theirs; reading it costs a file read, hence the
    // sampling interval.
    private void SampleMemory()
    {
        if (lastMemorySample == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(lastMemorySample) > MemorySampleInterval)
        {
            lastMemorySample = System.Diagnostics.Stopwatch.GetTimestamp();
            blocks.ReportPeakMemory(task.Name, ResidentMemory.PeakBytes());
        }
    }

    private void RunWithTimeout(Block block, TimeSpan limit)
    {
        var current = processor!;
        var work = Task.Factory.StartNew(() => current.Process(block), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool finished;
        try
        {
            finished = work.Wait(limit);
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
            throw;
        }

        if (finished)
        {
            blocks.Succeeded(block);
            return;
        }

        // The hung call cannot be stopped; its processor is abandoned (disposed once the call returns) and the
        // next block gets a fresh one.
        processor = null;
        work.ContinueWith(_ => current.Dispose(), TaskScheduler.Default);
        log.Write($"Block {block} timed out in worker {workerId} after {limit}");
        blocks.Failed(block, new BlockFailure(workerId, BlockFailures.Timeout(limit)));
    }
}
