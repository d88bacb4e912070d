using Volara.Runtime.Memory;

namespace Volara.Runtime.Engine.Execution;

/// <summary>
/// One in-process worker of a task: owns a processor (created on first use, replaced after a timeout), runs
/// blocks on it and reports each one to the block source. Exceptions fail the block; they never end the run.
/// A staged processor's blocks handed over with <see cref="HandOver"/> overlap their reads and writes with
/// computing (<see cref="BlockPipeline"/>); <see cref="Finish"/> completes them.
/// </summary>
internal sealed class InProcessWorker(IBlockwiseTask task, int workerId, IBlockSource blocks, ExecutionSettings settings) : IDisposable
{
    private readonly WorkerLog log = new(settings.LogDirectory, task.Name, workerId);
    private static readonly TimeSpan MemorySampleInterval = TimeSpan.FromSeconds(1);
    private readonly List<BlockOutcome> finished = [];
    private IBlockProcessor? processor;
    private BlockPipeline? pipeline;
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

    /// <summary>
    /// Runs <paramref name="block"/> overlapped with the blocks handed over before and after it when the task's
    /// processor is staged and has no block timeout, and like <see cref="Run"/> otherwise. It may finish only on a
    /// later call; call <see cref="Finish"/> before waiting for more blocks, since later blocks may depend on it.
    /// </summary>
    public void HandOver(Block block)
    {
        // The first block runs alone: it creates the processor, and only then is it known to be staged.
        if (pipeline is null && processor is IStagedBlockProcessor staged && task.Execution.BlockTimeout is null)
        {
            pipeline = new BlockPipeline(staged);
        }

        if (pipeline is null)
        {
            Run(block);
            return;
        }

        pipeline.Submit(block, finished);
        Report();
    }

    /// <summary>Completes every block handed over.</summary>
    public void Finish()
    {
        if (pipeline is { Busy: true })
        {
            pipeline.Drain(finished);
            Report();
        }
    }

    public void Dispose()
    {
        Finish();
        blocks.ReportPeakMemory(task.Name, ResidentMemory.PeakBytes());
        processor?.Dispose();
        log.Dispose();
    }

    private void Report()
    {
        foreach (var (block, error) in finished)
        {
            BlockBoundary.AfterBlock();
            if (error is null)
            {
                blocks.Succeeded(block);
                continue;
            }

            log.Write($"Block {block} failed in worker {workerId}\n{error}");
            blocks.Failed(block, new BlockFailure(workerId, BlockFailures.Describe(error)));
        }

        finished.Clear();
        SampleMemory();
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
