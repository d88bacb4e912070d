using System.Diagnostics;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Workers.Driver;

namespace Volara.Workers;

/// <summary>
/// Runs blocks in worker processes on this machine. Each task gets up to its <see cref="ExecutionOptions.NumWorkers"/>
/// processes once it has ready blocks; workers rebuild the task from its <c>config.json</c> and talk to this
/// driver over one gRPC stream each. A worker that dies has its blocks failed ("worker died") and is replaced,
/// up to <see cref="ProcessExecutorOptions.RestartsPerWorker"/> × workers deaths per task; block timeouts are
/// enforced here by killing the worker. Every worker process is ended when the run ends, however it ends.
/// </summary>
public sealed class ProcessExecutor : IExecutor
{
    private readonly ProcessExecutorOptions _options;

    /// <summary>Refuses at once (before a run creates anything) a process that was itself started as a worker.</summary>
    public ProcessExecutor(ProcessExecutorOptions? options = null)
    {
        if (Environment.GetEnvironmentVariable(WorkerContext.WorkerIdVariable) is { Length: > 0 })
        {
            // Started as a worker, yet driving a run: the program did not hand its arguments to the worker
            // entry first. Starting workers from here would multiply processes without end.
            throw new InvalidOperationException(
                $"this process was started as a volara worker but is running a pipeline; call WorkerEntry.TryRun(args, out var exitCode) first thing in Main");
        }

        _options = options ?? new ProcessExecutorOptions();
    }

    /// <summary>
    /// Makes the Runner's <see cref="ExecutionMode.Processes"/> use this executor with the given options; without
    /// options, only when no factory is registered yet (so an explicit registration wins).
    /// </summary>
    public static void RegisterWithRunner(ProcessExecutorOptions? options = null)
    {
        if (options is null && Runner.ProcessExecutorFactory is not null)
        {
            return;
        }

        Runner.ProcessExecutorFactory = _ => new ProcessExecutor(options);
    }

    public async Task RunAsync(IBlockSource blocks, ExecutionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(settings);
        var command = _options.WorkerCommand ?? WorkerCommand.CurrentProgram();
        var logDirectory = Path.GetFullPath(settings.LogDirectory);
        foreach (var task in blocks.Tasks)
        {
            ConfigFiles.Write(task, TaskPaths.ConfigFile(logDirectory, task.Name));
        }

        var launchers = new Dictionary<string, IWorkerLauncher>(StringComparer.Ordinal);
        foreach (var task in blocks.Tasks)
        {
            launchers[task.Name] = WorkerLaunchers.For(task, _options);
        }

        var state = new DriverState(blocks);
        var run = new Run(blocks, state, command, logDirectory, _options, launchers);
        var anyCluster = launchers.Values.Any(launcher => launcher is not LocalLauncher);
        await using var server = await DriverServer.StartAsync(state, _options, anyCluster, cancellationToken);
        try
        {
            await run.DriveAsync(server.Address, cancellationToken);
        }
        finally
        {
            await run.EndAllWorkersAsync();
        }
    }

    /// <summary>The state of one <see cref="RunAsync"/> call.</summary>
    private sealed class Run(
        IBlockSource source, DriverState state, WorkerCommand command, string logDirectory, ProcessExecutorOptions options,
        IReadOnlyDictionary<string, IWorkerLauncher> launchers)
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

        private readonly AsyncSignal _wake = new();
        private readonly List<TaskWorkers> _tasks = [.. source.Tasks.Select(task =>
            new TaskWorkers(task, source, Math.Max(1, options.RestartsPerWorker * Math.Max(1, task.Execution.NumWorkers)), launchers[task.Name]))];

        private readonly List<WorkerSlot> _allSlots = [];
        private int _nextWorkerId;
        private bool _ending;

        public async Task DriveAsync(string driverAddress, CancellationToken cancellationToken)
        {
            var poll = PollInterval;
            foreach (var task in _tasks)
            {
                if (task.Task.Execution.BlockTimeout is { } timeout && timeout / 4 < poll)
                {
                    poll = timeout / 4 > TimeSpan.FromMilliseconds(5) ? timeout / 4 : TimeSpan.FromMilliseconds(5);
                }
            }

            while (!source.IsFinished)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var wake = _wake.Next;
                foreach (var task in _tasks)
                {
                    Pump(task, driverAddress);
                    EnforceTimeout(task);
                    EnforceConnectTimeout(task);
                }

                if (source.IsFinished)
                {
                    break;
                }

                using var waitCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var changed = source.WaitForChangeAsync(waitCancel.Token);
                await Task.WhenAny(changed, wake, Task.Delay(poll, cancellationToken));
                await waitCancel.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();

                // Changes come with every finished block; a short pause lets them gather instead of spinning.
                await Task.Delay(5, cancellationToken);
            }
        }

        /// <summary>Lets workers told to shut down exit, then kills whatever still runs and waits for every exit.</summary>
        public async Task EndAllWorkersAsync()
        {
            List<WorkerSlot> slots;
            lock (_allSlots)
            {
                slots = [.. _allSlots];
            }

            // Blocks still held now belong to a cancelled or failed run: they stay not done (a rerun does them)
            // instead of being reported as attempts that failed.
            Volatile.Write(ref _ending, true);

            var deadline = Stopwatch.GetTimestamp() + (long)(options.ShutdownGrace.TotalSeconds * Stopwatch.Frequency);
            foreach (var slot in slots)
            {
                if (slot.Process is not { } process)
                {
                    continue;
                }

                bool mayExitByItself;
                lock (slot.Gate)
                {
                    mayExitByItself = slot.ShutdownSent && !slot.Exited;
                }

                if (mayExitByItself)
                {
                    var left = TimeSpan.FromSeconds(Math.Max(0, (double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));
                    await Task.WhenAny(process.Exited, Task.Delay(left));
                }
            }

            // Each task's launcher ends its workers at once: cluster jobs with one cancel command for all of them.
            foreach (var task in _tasks)
            {
                var workers = new List<IWorkerHandle>();
                foreach (var slot in slots)
                {
                    if (slot.Task == task && slot.Process is { } process)
                    {
                        workers.Add(process);
                    }
                }

                if (workers.Count > 0)
                {
                    await task.Launcher.StopAsync(workers);
                }
            }

            foreach (var slot in slots)
            {
                await slot.Stopping.CancelAsync();
                if (slot.Process is { } process && await Task.WhenAny(process.Exited, Task.Delay(TimeSpan.FromSeconds(10))) == process.Exited)
                {
                    process.Dispose();
                }
            }
        }

        private void Pump(TaskWorkers task, string driverAddress)
        {
            if (task.IsFinished)
            {
                return;
            }

            var alive = 0;
            foreach (var slot in task.Slots)
            {
                lock (slot.Gate)
                {
                    alive += slot.Exited ? 0 : 1;
                }
            }

            if (task.GivenUp || (alive == 0 && task.Deaths >= task.RestartCap))
            {
                task.GivenUp = true;
                FailRemaining(task);
                return;
            }

            // Deaths plus live workers stay within the cap, so the cap bounds the processes a buggy task can burn.
            var wanted = Math.Min(Math.Max(1, task.Task.Execution.NumWorkers) - alive, task.RestartCap - task.Deaths - alive);
            if (wanted <= 0 || !task.HasReadyBlock())
            {
                return;
            }

            for (var i = 0; i < wanted; i++)
            {
                Start(task, driverAddress);
            }
        }

        private void Start(TaskWorkers task, string driverAddress)
        {
            var slot = new WorkerSlot(Interlocked.Increment(ref _nextWorkerId) - 1, task);
            var context = new WorkerContext(driverAddress, task.Name, slot.Id, logDirectory);
            state.Add(slot);
            task.Slots.Add(slot);
            lock (_allSlots)
            {
                _allSlots.Add(slot);
            }

            var process = task.Launcher.Start(command, context, TaskPaths.WorkerLog(logDirectory, task.Name, slot.Id));
            slot.Process = process;
            _ = process.Exited.ContinueWith(exit => OnExited(slot, exit.Result), TaskScheduler.Default);
        }

        private void OnExited(WorkerSlot slot, int exitCode)
        {
            var task = slot.Task;
            var log = TaskPaths.WorkerLog(logDirectory, task.Name, slot.Id);
            lock (slot.Gate)
            {
                slot.Exited = true;
                var ending = slot.Process?.DescribeExit(exitCode) ?? $"exit code {exitCode}";
                var reason = $"worker died ({ending}); see {log}";
                if (!Volatile.Read(ref _ending))
                {
                    foreach (var held in slot.Held.Values)
                    {
                        source.Failed(held.Block, new BlockFailure(slot.Id, reason));
                    }
                }

                slot.Held.Clear();
                if (!(slot.ShutdownSent && exitCode == 0) && !slot.TimedOut)
                {
                    task.RecordDeath(slot.Id, $"worker {slot.Id} ended ({ending}); see {log}");
                }
            }

            slot.Stopping.Cancel();
            slot.Changed.Set();
            _wake.Set();
        }

        private void EnforceTimeout(TaskWorkers task)
        {
            if (task.Task.Execution.BlockTimeout is not { } timeout)
            {
                return;
            }

            var limit = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            var now = Stopwatch.GetTimestamp();
            foreach (var slot in task.Slots)
            {
                lock (slot.Gate)
                {
                    if (slot.Exited || slot.Held.Count == 0)
                    {
                        continue;
                    }

                    List<HeldBlock>? late = null;
                    foreach (var held in slot.Held.Values)
                    {
                        if (now - held.HandedOutTimestamp > limit)
                        {
                            (late ??= []).Add(held);
                        }
                    }

                    if (late is null)
                    {
                        continue;
                    }

                    foreach (var held in late)
                    {
                        slot.Held.Remove(held.Block.Id);
                        source.Failed(held.Block, new BlockFailure(slot.Id, $"timeout: the block ran longer than {timeout.TotalSeconds:0.###} s"));
                    }

                    // The worker may be stuck for good; a replacement takes its place.
                    slot.TimedOut = true;
                    slot.Process?.Kill();
                }
            }
        }

        private static void EnforceConnectTimeout(TaskWorkers task)
        {
            if (task.Launcher.ConnectTimeout is not { } timeout)
            {
                return;
            }

            var limit = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            var now = Stopwatch.GetTimestamp();
            foreach (var slot in task.Slots)
            {
                lock (slot.Gate)
                {
                    if (!slot.Connected && !slot.Exited && now - slot.StartedTimestamp > limit)
                    {
                        slot.Process?.Kill();
                    }
                }
            }
        }

        private static void FailRemaining(TaskWorkers task)
        {
            var failure = new BlockFailure(task.LastDeadWorkerId,
                $"worker restart limit reached: {task.Deaths} workers of task '{task.Name}' died (last: {task.LastDeath})");
            var blocks = new List<Block>();

            // Each failure may make the block ready again (a retry), so repeat until nothing is ready.
            for (var round = 0; round < 10_000; round++)
            {
                blocks.Clear();
                task.Take(4096, blocks);
                if (blocks.Count == 0)
                {
                    return;
                }

                foreach (var block in blocks)
                {
                    task.Source.Failed(block, failure);
                }
            }
        }
    }
}
