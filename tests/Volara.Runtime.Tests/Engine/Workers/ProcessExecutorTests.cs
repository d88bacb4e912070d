using System.Diagnostics;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using Volara.TestWorker;
using Volara.Workers;

namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>Blocks run in real worker processes (the test worker program) against a list block source.</summary>
[Collection(RunnerProcessCollection.Name)]
public sealed class ProcessExecutorTests : IDisposable
{
    private const int BlockCount = 24;
    private static readonly Roi Total = new(new Coordinate(0, 0), new Coordinate(32, 48));
    private static readonly Coordinate BlockSize = new(8, 8);
    private readonly TempDirectory _temp = new();

    private string LogDirectory => _temp.Combine("logs");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task BlocksRunInWorkerProcessesAndWriteTheRightValues()
    {
        var task = WriteIds("ids");
        var source = await RunAsync(task);

        Assert.Empty(source.Violations);
        Assert.Equal(BlockCount, source.Completed("ids").Count);
        Assert.Empty(source.Failures("ids"));
        Assert.Equal(ExpectedIds(), ReadIds(task.OutputPath));
        Assert.True(File.Exists(TaskPaths.ConfigFile(LogDirectory, "ids")));

        // A worker still starting when the last block is done is ended without connecting; the others exit cleanly.
        var logs = Directory.GetFiles(Path.Combine(LogDirectory, "ids"), "worker_*.log").Select(File.ReadAllText).ToList();
        Assert.Equal(2, logs.Count);
        Assert.All(logs, log => Assert.Contains("worker exited with code", log));
        Assert.Contains(logs, log => log.Contains("worker exited with code 0", StringComparison.Ordinal));
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task StagedBlocksOverlapReadingComputingAndWritingInWorkerProcessesAndWriteTheRightValues()
    {
        var overlap = _temp.Combine("overlap");
        var task = WriteIds("ids", sleepMs: 30, staged: true, sleepEveryBlock: true, overlapDirectory: overlap);
        var source = await RunAsync(task);

        Assert.Empty(source.Violations);
        Assert.Equal(BlockCount, source.Completed("ids").Count);
        Assert.Equal(ExpectedIds(), ReadIds(task.OutputPath));

        // Every stage sleeps: a worker whose next block's read never ran beside a compute would report 1.
        var most = Directory.GetFiles(overlap, "overlap-*").Select(file => int.Parse(File.ReadAllText(file), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(most);
        Assert.Contains(most, stages => stages >= 2);
    }

    [Fact]
    public async Task AFailingStagedBlockIsRetriedThenFailedWhileTheOthersAreWritten()
    {
        var task = WriteIds("ids", failBlocks: [5], maxRetries: 1, staged: true);
        var source = await RunAsync(task);

        Assert.Empty(source.Violations);
        Assert.Equal(BlockCount - 1, source.Completed("ids").Count);
        Assert.Equal([5UL], source.FailedForGood("ids"));
        var expected = ExpectedIds();
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] == 6)
            {
                expected[i] = 0;
            }
        }

        Assert.Equal(expected, ReadIds(task.OutputPath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWorkerKilledMidBlockHasItsBlockRetriedAndTheOutputEqualsAnUninterruptedRun(bool staged)
    {
        var reference = WriteIds("reference");
        await RunAsync(reference);

        // A staged worker has blocks in flight beside the victim (being written, computed or next): all are run again.
        const ulong victim = 13;
        var started = _temp.Combine("started");
        var task = WriteIds("ids", sleepBlocks: [victim], sleepMs: 2000, startedDirectory: started, staged: staged);
        var source = new ListBlockSource(task);
        var run = RunAsync(source);
        var pid = await WaitForBlockStartAsync(started, victim);
        Process.GetProcessById(pid).Kill();
        await run;

        Assert.Empty(source.Violations);
        Assert.Equal(BlockCount, source.Completed("ids").Count);
        var failure = Assert.Single(source.Failures("ids")[victim]);
        Assert.StartsWith("worker died", failure.Reason);
        Assert.Equal(ReadIds(reference.OutputPath), ReadIds(task.OutputPath));
        Assert.Equal(ChunkBytes(reference.OutputPath), ChunkBytes(task.OutputPath));
        Assert.False(WorkerProcesses.IsRunning(pid));
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task ABlockLongerThanTheServersIdleAndDataRateGracePeriodsStillSucceeds()
    {
        // Kestrel's request-body data-rate rule starts after 5 s; a worker busy that long sends nothing.
        var task = WriteIds("ids", sleepBlocks: [0], sleepMs: 6500, maxRetries: 0);
        var source = await RunAsync(task);

        Assert.Empty(source.Violations);
        Assert.Empty(source.Failures("ids"));
        Assert.Equal(BlockCount, source.Completed("ids").Count);
    }

    [Fact]
    public async Task AnInterruptSignalDoesNotKillAWorkerBusyWithABlock()
    {
        var started = _temp.Combine("started");
        var task = WriteIds("ids", sleepBlocks: [4], sleepMs: 1500, startedDirectory: started);
        var source = new ListBlockSource(task);
        var run = RunAsync(source);
        var pid = await WaitForBlockStartAsync(started, 4);
        Assert.Equal(0, Signals.Send(pid, Signals.Interrupt));
        await run;

        Assert.Empty(source.Violations);
        Assert.Empty(source.Failures("ids"));
        Assert.Equal(BlockCount, source.Completed("ids").Count);
    }

    [Fact]
    public async Task WorkerLogsOnAFullDiskAreGivenUpWithoutStoppingTheRun()
    {
        // Every write to /dev/full fails as on a full disk; the workers' logs point there.
        var task = WriteIds("ids");
        Directory.CreateDirectory(Path.Combine(LogDirectory, "ids"));
        for (int worker = 0; worker < 8; worker++)
        {
            File.CreateSymbolicLink(TaskPaths.WorkerLog(LogDirectory, "ids", worker), "/dev/full");
        }

        var source = await RunAsync(task);

        Assert.Empty(source.Violations);
        Assert.Equal(BlockCount, source.Completed("ids").Count);
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task AFailingBlockIsRetriedThenFailedWithItsExceptionInTheWorkerLog()
    {
        var task = WriteIds("ids", failBlocks: [5], maxRetries: 2);
        var source = await RunAsync(task);

        Assert.Empty(source.Violations);
        Assert.Equal(BlockCount - 1, source.Completed("ids").Count);
        Assert.Equal([5UL], source.FailedForGood("ids"));
        var failures = source.Failures("ids")[5];
        Assert.Equal(3, failures.Count);
        Assert.All(failures, failure => Assert.Equal("block 5 is set up to fail (an error in the task's code; the worker log has where)", failure.Reason));
        var log = File.ReadAllText(TaskPaths.WorkerLog(LogDirectory, "ids", failures[0].WorkerId));
        Assert.Contains("System.InvalidOperationException: block 5 is set up to fail", log);
        Assert.Contains("WriteIdsTask", log);
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task AWorkerThatAlwaysCrashesIsRestartedOnlyUpToTheCapThenItsBlocksFail()
    {
        var task = new CrashOnStartTask { TaskName = "crash", TotalRoi = Total, BlockSize = BlockSize, Execution = new() { NumWorkers = 2, MaxRetries = 1 } };
        var source = new ListBlockSource(task);
        await RunAsync(source, new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command, RestartsPerWorker = 2 });

        Assert.Empty(source.Violations);
        Assert.Equal(BlockCount, source.FailedForGood("crash").Count);
        Assert.Empty(source.Completed("crash"));
        var reason = source.Failures("crash")[0][^1].Reason;
        Assert.StartsWith("worker restart limit reached: 4 workers of task 'crash' died", reason);
        Assert.Contains($"code {CrashOnStartTask.ExitCode}", reason);

        // 2 workers × 2 restarts each: exactly four processes were started, each with its own log.
        Assert.Equal(4, Directory.GetFiles(Path.Combine(LogDirectory, "crash"), "worker_*.log").Length);
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task ABlockRunningPastItsTimeoutIsFailedAndItsWorkerReplaced()
    {
        // The timeout is generous so that ordinary blocks never reach it on a busy machine. The sleeping block would
        // outlast the run's own two-minute guard (RunAsync) by far, so the run ending at all proves it was cut off.
        var task = WriteIds("ids", sleepBlocks: [3], sleepMs: 600_000, maxRetries: 0, timeoutMs: 10_000);
        var source = await RunAsync(task);

        Assert.Empty(source.Violations);
        Assert.Equal([3UL], source.FailedForGood("ids"));
        Assert.StartsWith("timeout", Assert.Single(source.Failures("ids")[3]).Reason);
        Assert.Equal(BlockCount - 1, source.Completed("ids").Count);
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task CancellingTheRunEndsEveryWorkerProcess()
    {
        var started = _temp.Combine("started");
        var task = WriteIds("ids", sleepBlocks: [.. Enumerable.Range(0, BlockCount).Select(id => (ulong)id)], sleepMs: 60_000, startedDirectory: started);
        var source = new ListBlockSource(task);
        using var cancel = new CancellationTokenSource();
        var run = RunAsync(source, cancellationToken: cancel.Token);
        var pid = await WaitForBlockStartAsync(started, null);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(WorkerProcesses.IsRunning(pid));
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task AWorkerProgramThatSkipsTheWorkerEntryFailsClearlyInsteadOfStartingDriversOfItsOwn()
    {
        var task = new NoOpTask { TaskName = "noop", TotalRoi = Total, BlockSize = BlockSize, Execution = new() { NumWorkers = 2, MaxRetries = 0 } };
        var source = new ListBlockSource(task);
        var program = TestWorkerProgram.Command;
        var forgetful = program with { Arguments = [.. program.Arguments, "forgetful-drive", _temp.Combine("nested-logs")] };

        await RunAsync(source, new ProcessExecutorOptions { WorkerCommand = forgetful, RestartsPerWorker = 1 });

        Assert.Equal(BlockCount, source.FailedForGood("noop").Count);
        Assert.StartsWith("worker restart limit reached: 2 workers", source.Failures("noop")[0][0].Reason);
        var logs = Directory.GetFiles(Path.Combine(LogDirectory, "noop"), "worker_*.log");
        Assert.Equal(2, logs.Length);
        Assert.All(logs, log => Assert.True(File.ReadAllText(log).Contains("call WorkerEntry.TryRun", StringComparison.Ordinal), File.ReadAllText(log)));
        Assert.False(Directory.Exists(_temp.Combine("nested-logs", "noop")), "a worker started workers of its own");
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task AWorkerProgramThatCannotStartIsNamed()
    {
        var source = new ListBlockSource(WriteIds("ids"));
        var missing = _temp.Combine("no-such-program");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RunAsync(source, new ProcessExecutorOptions { WorkerCommand = new WorkerCommand(missing, []) }));

        Assert.Contains(missing, error.Message);
        Assert.Contains("task 'ids'", error.Message);
    }

    [Fact]
    public async Task ATaskWithoutConfigurationIsRefusedByName()
    {
        var source = new ListBlockSource(new InProcessOnlyTask());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(source));
        Assert.Contains("'in_process_only'", error.Message);
    }

    private WriteIdsTask WriteIds(
        string name,
        ulong[]? sleepBlocks = null,
        int sleepMs = 0,
        ulong[]? failBlocks = null,
        int maxRetries = 2,
        int? timeoutMs = null,
        string? startedDirectory = null,
        bool staged = false,
        bool sleepEveryBlock = false,
        string? overlapDirectory = null)
    {
        var task = new WriteIdsTask
        {
            TaskName = name,
            TotalRoi = Total,
            BlockSize = BlockSize,
            Execution = new()
            {
                NumWorkers = 2,
                MaxRetries = maxRetries,
                BlockTimeout = timeoutMs is { } timeout ? TimeSpan.FromMilliseconds(timeout) : null,
            },
            OutputPath = _temp.Combine($"{name}.zarr"),
            SleepBlockIds = sleepBlocks ?? [],
            SleepMs = sleepMs,
            FailBlockIds = failBlocks ?? [],
            StartedDirectory = startedDirectory,
            Staged = staged,
            SleepEveryBlock = sleepEveryBlock,
            OverlapDirectory = overlapDirectory,
        };
        task.Init();
        return task;
    }

    private async Task<ListBlockSource> RunAsync(IBlockwiseTask task)
    {
        var source = new ListBlockSource(task);
        await RunAsync(source);
        return source;
    }

    private Task RunAsync(ListBlockSource source, ProcessExecutorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var executor = new ProcessExecutor(options ?? new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });
        var settings = new ExecutionSettings { LogDirectory = LogDirectory };
        return executor.RunAsync(source, settings, cancellationToken).WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static async Task<int> WaitForBlockStartAsync(string startedDirectory, ulong? blockId)
    {
        var pattern = blockId is { } id ? $"{id}-*" : "*";
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (Directory.Exists(startedDirectory) && Directory.GetFiles(startedDirectory, pattern) is [var file, ..])
            {
                return int.Parse(File.ReadAllText(file), System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no block matching {pattern} started within 30 s");
    }

    private static ulong[] ExpectedIds()
    {
        var expected = new ulong[32 * 48];
        foreach (var block in ListBlockSource.GridBlocks(new WriteIdsTask { TaskName = "x", TotalRoi = Total, BlockSize = BlockSize, OutputPath = "unused" }))
        {
            for (var y = block.WriteRoi.Offset.ValueAt(0); y < block.WriteRoi.End.ValueAt(0); y++)
            {
                for (var x = block.WriteRoi.Offset.ValueAt(1); x < block.WriteRoi.End.ValueAt(1); x++)
                {
                    expected[(y * 48) + x] = block.Id + 1;
                }
            }
        }

        return expected;
    }

    private static ulong[] ReadIds(string path)
    {
        var values = new ulong[32 * 48];
        VolumeArray.Open(path).Read<ulong>(Total, values);
        return values;
    }

    private static List<string> ChunkBytes(string path) =>
        [.. Directory.GetFiles(path, "*", SearchOption.AllDirectories)
            .Select(file => $"{Path.GetRelativePath(path, file)}: {Convert.ToHexString(File.ReadAllBytes(file))}")
            .Order(StringComparer.Ordinal)];
}
