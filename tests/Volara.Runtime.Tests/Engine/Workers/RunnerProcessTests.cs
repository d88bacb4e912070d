using System.Diagnostics;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using Volara.TestWorker;
using Volara.Workers;

namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>The Runner with the engine's scheduler and done-stores, executing in real worker processes.</summary>
[Collection(RunnerProcessCollection.Name)]
public sealed class RunnerProcessTests : IDisposable
{
    private static readonly Roi Total = DriverMode.Total;
    private static readonly Coordinate BlockSize = DriverMode.BlockSize;
    private readonly TempDirectory _temp = new();

    public RunnerProcessTests() =>
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void APipelineRunsInWorkerProcessesAndAFailedBlockOrphansItsDependant()
    {
        var upstream = WriteIds("upstream", failBlocks: [0]);
        var downstream = WriteIds("downstream");
        var log = new StringWriter();

        var result = Runner.Run(upstream + downstream, new RunOptions
        {
            Mode = ExecutionMode.Processes,
            LogDirectory = _temp.Combine("logs"),
            Progress = log,
            ShowProgress = false,
        });

        Assert.False(result.Succeeded);
        Assert.Equal((24L, 23L, 1L, 0L), (result["upstream"].Total, result["upstream"].Completed, result["upstream"].Failed, result["upstream"].Orphaned));
        Assert.Equal((24L, 23L, 0L, 1L), (result["downstream"].Total, result["downstream"].Completed, result["downstream"].Failed, result["downstream"].Orphaned));
        Assert.Contains("worker_", result.Summary);
        Assert.Contains("set up to fail", result.Summary);
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task AWorkerKilledMidBlockUnderTheSchedulerCostsOneRetryAndTheRunCompletes()
    {
        var started = _temp.Combine("started");
        var task = new WriteIdsTask
        {
            TaskName = "ids",
            TotalRoi = Total,
            BlockSize = BlockSize,
            Execution = new() { NumWorkers = 2, MaxRetries = 1 },
            OutputPath = _temp.Combine("ids.zarr"),
            SleepBlockIds = [0],
            SleepMs = 2000,
            StartedDirectory = started,
        };
        var run = Task.Run(() => Runner.Run(task, new RunOptions
        {
            Mode = ExecutionMode.Processes,
            LogDirectory = _temp.Combine("logs"),
            Progress = TextWriter.Null,
            ShowProgress = false,
        }));

        await WaitUntilAsync(() => Directory.Exists(started) && Directory.GetFiles(started, "0-*").Length > 0, TimeSpan.FromSeconds(60));
        var pid = int.Parse(File.ReadAllText(Directory.GetFiles(started, "0-*")[0]), System.Globalization.CultureInfo.InvariantCulture);
        Process.GetProcessById(pid).Kill();
        var result = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal((24L, 24L, 0L), (result["ids"].Total, result["ids"].Completed, result["ids"].Failed));
        Assert.Equal(2, Directory.GetFiles(started, "0-*").Length);
        var values = ReadIds(task.OutputPath);
        Assert.DoesNotContain(0UL, values);
        Assert.Contains(1UL, values);
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    [Fact]
    public async Task AKilledDriverLeavesNoWorkersAndTheRerunResumesToTheSameOutput()
    {
        var reference = await DriveAsync("reference", sleepMs: 0);
        Assert.Equal("ids 24 24 0 0 0", reference.Output.Trim());

        var started = _temp.Combine("started-killed");
        using (var driver = StartDriver("killed", started, sleepMs: 150))
        {
            await WaitForStartedBlocksAsync(started, 6);
            driver.Kill();
            await driver.WaitForExitAsync();
        }

        // Workers notice the lost driver and exit by themselves.
        await WaitUntilAsync(() => WorkerProcesses.WithArgument(_temp.Combine("killed-logs")).Count == 0, TimeSpan.FromSeconds(20));

        // The same configuration as the killed run: a changed one would be refused as stale.
        var rerun = await DriveAsync("killed", sleepMs: 150);
        var counts = rerun.Output.Trim().Split(' ');
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(["ids", "24", "24"], counts[..3]);
        var skipped = int.Parse(counts[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(skipped, 1, 23);
        Assert.Equal(["0", "0"], counts[4..]);
        Assert.Equal(ReadIds(_temp.Combine("reference.zarr")), ReadIds(_temp.Combine("killed.zarr")));
        Assert.Empty(WorkerProcesses.WithArgument(_temp.Path));
    }

    private WriteIdsTask WriteIds(string name, ulong[]? failBlocks = null) => new()
    {
        TaskName = name,
        TotalRoi = Total,
        BlockSize = BlockSize,
        Execution = new() { NumWorkers = 2, MaxRetries = 1 },
        OutputPath = _temp.Combine($"{name}.zarr"),
        FailBlockIds = failBlocks ?? [],
    };

    private Process StartDriver(string name, string started, int sleepMs)
    {
        var command = TestWorkerProgram.Command;
        var start = new ProcessStartInfo(command.FileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "drive", _temp.Combine($"{name}-logs"), _temp.Combine($"{name}.zarr"), started, sleepMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Output)> DriveAsync(string name, int sleepMs)
    {
        using var driver = StartDriver(name, _temp.Combine($"started-{name}"), sleepMs);
        var output = driver.StandardOutput.ReadToEndAsync();
        var errors = driver.StandardError.ReadToEndAsync();
        await driver.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(driver.ExitCode == 0, $"driver exited with {driver.ExitCode}: {await errors}");
        return (driver.ExitCode, await output);
    }

    private static async Task WaitForStartedBlocksAsync(string started, int count) =>
        await WaitUntilAsync(() => Directory.Exists(started) && Directory.GetFiles(started).Length >= count, TimeSpan.FromSeconds(60));

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"condition not met within {limit}");
            }

            await Task.Delay(50);
        }
    }

    private static ulong[] ReadIds(string path)
    {
        var values = new ulong[Total.Size!.Value];
        VolumeArray.Open(path).Read<ulong>(Total, values);
        return values;
    }
}
