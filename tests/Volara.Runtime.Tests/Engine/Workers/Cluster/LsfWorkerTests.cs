using System.Globalization;
using System.Text.RegularExpressions;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using Volara.TestWorker;
using Volara.Workers;
using Volara.Workers.Cluster;

namespace Volara.Runtime.Tests.Engine.Workers.Cluster;

/// <summary>
/// Workers as LSF jobs against fake bsub/bkill (LSF cannot be installed here): the exact submission lines, job ids,
/// the scheduler's own error message, and the teardown that kills every job still alive.
/// </summary>
[Collection(RunnerProcessCollection.Name)]
public sealed class LsfWorkerTests : IDisposable
{
    private static readonly Roi Total = new(new Coordinate(0, 0), new Coordinate(32, 48));
    private static readonly Coordinate BlockSize = new(8, 8);
    private readonly TempDirectory _temp = new();

    public LsfWorkerTests() => FakeLsf.Reset();

    private string LogDirectory => _temp.Combine("logs");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task EachWorkerIsOneBsubJobRunningTheWorkerEntryAndTheBlocksAreWritten()
    {
        var task = WriteIds(new LsfWorkers { Queue = "gpu-q" });
        var source = new ListBlockSource(task);

        await RunAsync(source);

        Assert.Empty(source.Violations);
        Assert.Equal(24, source.Completed("ids").Count);
        var values = new ulong[32 * 48];
        VolumeArray.Open(task.OutputPath).Read<ulong>(Total, values);
        Assert.DoesNotContain(0UL, values);

        var calls = FakeLsf.Calls("bsub");
        Assert.InRange(calls.Count, 1, 2);
        var program = TestWorkerProgram.Command;
        foreach (var call in calls)
        {
            var id = call[Array.IndexOf(call, "--worker-id") + 1];
            var log = TaskPaths.WorkerLog(Path.GetFullPath(LogDirectory), "ids", int.Parse(id, CultureInfo.InvariantCulture));
            var driver = call[Array.IndexOf(call, "--driver") + 1];
            Assert.Matches(new Regex(@"^http://127\.0\.0\.1:\d+$"), driver);
            Assert.Equal(
                ["-K", "-J", "ids", "-n", "1", "-q", "gpu-q", "-o", log, "-e", log,
                 program.FileName, .. program.Arguments, "--volara-worker", "--driver", driver, "--task", "ids", "--worker-id", id,
                 "--log-dir", Path.GetFullPath(LogDirectory)],
                call);
            Assert.Contains($"Job <", File.ReadAllText(log), StringComparison.Ordinal);
        }

        // Every job ended by itself; a teardown, if any, only named jobs this run submitted.
        Assert.Empty(FakeLsf.RunningJobs());
        var submitted = SubmittedJobIds();
        Assert.All(FakeLsf.Calls("bkill"), kill => Assert.Subset(submitted, kill.ToHashSet()));
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task CancellingTheRunKillsEveryLiveJobWithOneBkill()
    {
        var started = _temp.Combine("started");
        var task = WriteIds(new LsfWorkers(), sleepEveryBlockMs: 400, startedDirectory: started);
        using var cancel = new CancellationTokenSource();
        var run = RunAsync(new ListBlockSource(task), cancel.Token);

        // Both workers are inside a block.
        await Polling.UntilAsync(
            () => Directory.Exists(started) && Directory.GetFiles(started).Select(f => f.Split('-')[^1]).Distinct().Count() == 2,
            TimeSpan.FromMinutes(2));
        var live = FakeLsf.RunningJobs().ToHashSet();
        Assert.Equal(2, live.Count);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var kill = Assert.Single(FakeLsf.Calls("bkill"));
        Assert.Equal(live, kill.ToHashSet());
        Assert.Equal(2, kill.Length);
        Assert.Empty(FakeLsf.RunningJobs());
        await Polling.UntilAsync(() => WorkerProcesses.WithArgument(_temp.Path).Count == 0, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ARefusedSubmissionFailsTheBlocksWithTheSchedulersOwnMessage()
    {
        var task = WriteIds(new LsfWorkers { Queue = "nope" });
        var source = new ListBlockSource(task);

        await RunAsync(source, options: new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command, AdvertisedHost = "127.0.0.1", RestartsPerWorker = 1 });

        Assert.Empty(source.Completed("ids"));
        var failure = source.Failures("ids").Values.SelectMany(f => f).First();
        Assert.Contains("LSF submission failed", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("nope: No such queue. Job not submitted.", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(FakeLsf.Calls("bsub"));
    }

    private HashSet<string> SubmittedJobIds() =>
        [.. Directory.GetFiles(Path.Combine(FakeLsf.Directory, "calls"), "bsub.*").Select(f => Path.GetExtension(f).TrimStart('.'))];

    private WriteIdsTask WriteIds(LsfWorkers workers, int sleepEveryBlockMs = 0, string? startedDirectory = null) => new()
    {
        TaskName = "ids",
        TotalRoi = Total,
        BlockSize = BlockSize,
        Execution = new() { NumWorkers = 2, MaxRetries = 1, Workers = workers },
        OutputPath = _temp.Combine("ids.zarr"),
        SleepEveryBlock = sleepEveryBlockMs > 0,
        SleepMs = sleepEveryBlockMs,
        StartedDirectory = startedDirectory,
    };

    private async Task RunAsync(ListBlockSource source, CancellationToken cancellationToken = default, ProcessExecutorOptions? options = null)
    {
        foreach (var task in source.Tasks)
        {
            task.Init();
        }

        var executor = new ProcessExecutor(options ?? new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command, AdvertisedHost = "127.0.0.1" });
        await executor.RunAsync(source, new ExecutionSettings { LogDirectory = LogDirectory }, cancellationToken).WaitAsync(TimeSpan.FromMinutes(3), CancellationToken.None);
    }
}
