using Volara.Runtime.Engine.Execution;
using Volara.Runtime.Engine.Pipelines;
using Volara.Runtime.Engine.Reporting;
using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Engine.Tracking;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Engine.Running;

/// <summary>
/// Runs a task or pipeline: initialises every task, writes the configurations of serialisable tasks, opens
/// the done-stores (so a rerun skips finished blocks), schedules and executes the blocks, draws progress and
/// prints the Execution Summary.
/// </summary>
public static class Runner
{
    /// <summary>
    /// Creates the executor of <see cref="ExecutionMode.Processes"/>; set by the worker-process layer.
    /// </summary>
    public static Func<RunOptions, IExecutor>? ProcessExecutorFactory { get; set; }

    public static RunResult Run(IBlockwiseTask task, RunOptions? options = null) => Run(Pipeline.Of(task), options);

    public static RunResult Run(Pipeline pipeline, RunOptions? options = null) =>
        RunAsync(pipeline, options).GetAwaiter().GetResult();

    public static Task<RunResult> RunAsync(IBlockwiseTask task, RunOptions? options = null) => RunAsync(Pipeline.Of(task), options);

    public static async Task<RunResult> RunAsync(Pipeline pipeline, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        options ??= new RunOptions();
        var ordered = pipeline.TopologicalOrder();
        foreach (var task in ordered)
        {
            task.Execution.Require(task.Name);
        }

        var executor = CreateExecutor(options, ordered);
        var output = options.Progress ?? Console.Error;

        PipelineDataflow.Check(ordered);
        using var driver = LogDirectoryLock.Acquire(options.LogDirectory);
        StaleResults.Check(ordered, options.LogDirectory);
        foreach (var task in ordered)
        {
            task.Init();
            var config = task.ToConfig();
            WriteConfig(task, config, options.LogDirectory);
            OutputProvenance.Record(task, config);
        }

        var stores = new Dictionary<string, DoneStore>(StringComparer.Ordinal);
        try
        {
            foreach (var task in ordered)
            {
                stores[task.Name] = DoneStore.Open(options.LogDirectory, task.Name, task.Layout);
            }

            var scheduler = new Scheduler(pipeline, task => stores[task.Name]);
            var settings = new ExecutionSettings { LogDirectory = options.LogDirectory };
            using (var monitor = options.ShowProgress ? StartMonitor(scheduler, output, options) : null)
            {
                try
                {
                    await executor.RunAsync(scheduler, settings, options.CancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
                {
                    // Interrupted: the summary below still says where each task stands, marked as interrupted.
                }
                finally
                {
                    monitor?.Finish();
                }
            }

            var states = scheduler.GetStates();
            var summary = ExecutionSummary.Format(states, scheduler.FailuresOf, options.LogDirectory, scheduler.PeakMemoryOf);
            if (options.CancellationToken.IsCancellationRequested)
            {
                summary += ExecutionSummary.Interrupted;
            }

            if (options.PrintSummary)
            {
                output.Write(summary);
                output.Flush();
            }

            // Blocks in flight when the run was cancelled are not marked done; a rerun does them again.
            options.CancellationToken.ThrowIfCancellationRequested();

            return new RunResult([.. states.Select(s => TaskResult.From(s, scheduler.FailuresOf(s.TaskName), scheduler.PeakMemoryOf(s.TaskName)))], summary);
        }
        finally
        {
            foreach (var store in stores.Values)
            {
                store.Dispose();
            }
        }
    }

    /// <summary>Removes the task's tracking (so all blocks run again) and, unless told not to, its outputs.</summary>
    public static void Drop(IBlockwiseTask task, string logDirectory = "volara_logs", bool dropOutputs = true) =>
        TaskTracking.Drop(task, logDirectory, dropOutputs);

    public static void Drop(Pipeline pipeline, string logDirectory = "volara_logs", bool dropOutputs = true) =>
        TaskTracking.Drop(pipeline, logDirectory, dropOutputs);

    private static IExecutor CreateExecutor(RunOptions options, IReadOnlyList<IBlockwiseTask> tasks)
    {
        switch (options.Mode)
        {
            case ExecutionMode.Serial:
                return new SerialExecutor();
            case ExecutionMode.Threads:
                return new ThreadExecutor();
            case ExecutionMode.Processes:
                foreach (var task in tasks)
                {
                    if (task.ToConfig() is null)
                    {
                        throw new ArgumentException(
                            $"task '{task.Name}' ({task.GetType().Name}) has no configuration and cannot run in worker processes; use Serial or Threads mode");
                    }
                }

                var factory = ProcessExecutorFactory
                    ?? throw new InvalidOperationException("worker processes are not available: no process executor is registered (Runner.ProcessExecutorFactory)");
                return factory(options);
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "unknown execution mode");
        }
    }

    private static void WriteConfig(IBlockwiseTask task, System.Text.Json.Nodes.JsonObject? config, string logDirectory)
    {
        var meta = TaskPaths.MetaDirectory(logDirectory, task.Name);
        Directory.CreateDirectory(meta);
        if (config is null)
        {
            return;
        }

        var path = TaskPaths.ConfigFile(logDirectory, task.Name);
        AtomicFile.WriteAllText(path, TaskJson.Format(config) + "\n");
    }

    private static ProgressMonitor StartMonitor(Scheduler scheduler, TextWriter output, RunOptions options)
    {
        bool redraw = options.RedrawProgress ?? (ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected);
        var monitor = new ProgressMonitor(scheduler, output, redraw, redraw ? TimeSpan.FromMilliseconds(100) : options.ProgressLineInterval);
        monitor.Start();
        return monitor;
    }
}
