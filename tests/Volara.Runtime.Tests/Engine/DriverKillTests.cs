using System.Diagnostics;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Engine.Tracking;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Engine;

/// <summary>Kills a real driver process (SIGKILL) in the middle of a threaded run and resumes it.</summary>
public sealed class DriverKillTests
{
    private const int Edge = 40;
    private const int BlockEdge = 4;
    private const int Blocks = Edge / BlockEdge * (Edge / BlockEdge);

    private static string Driver => Path.Combine(AppContext.BaseDirectory, "Volara.Engine.TestDriver.dll");

    [Fact]
    public void KilledDriverLosesNothingAndTheRerunMatchesAnUninterruptedRun()
    {
        using var temp = new TempDirectory();
        var input = temp.Combine("data.zarr", "raw");
        var array = VolumeArray.Prepare(input, new PrepareOptions { Shape = [Edge, Edge], ChunkShape = [8, 8], DataType = DataType.UInt8 });
        var values = new byte[Edge * Edge];
        new Random(11).NextBytes(values);
        array.Write(array.Roi, (ReadOnlySpan<byte>)values);

        var reference = Threshold(input, temp.Combine("data.zarr", "reference"));
        Assert.True(Runner.Run(reference, Quiet(temp.Combine("reference-logs"))).Succeeded);

        var logs = temp.Combine("logs");
        var task = Threshold(input, temp.Combine("data.zarr", "mask"));
        var marks = Path.Combine(TaskPaths.MetaDirectory(logs, task.Name), DoneStore.MarksFileName);
        using (var driver = StartDriver(input, task.Mask.Store, logs))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (CountMarks(marks) < 10)
            {
                if (driver.HasExited)
                {
                    Assert.Fail($"the driver ended (exit code {driver.ExitCode}) before it was killed: {driver.StandardError.ReadToEnd()}");
                }

                Assert.True(DateTime.UtcNow < deadline, "the driver marked no blocks within a minute");
                Thread.Sleep(20);
            }

            driver.Kill(entireProcessTree: true);
            driver.WaitForExit();
        }

        long doneAtKill = CountMarks(marks);
        Assert.InRange(doneAtKill, 10, Blocks - 1);

        var rerun = Runner.Run(task, Quiet(logs))[task.Name];
        Assert.Equal((Blocks, (long)Blocks, doneAtKill, 0L), (rerun.Total, rerun.Completed, rerun.Skipped, rerun.Failed));
        Assert.Equal(reference.Mask.Array().ReadAll<byte>().ToArray(), task.Mask.Array().ReadAll<byte>().ToArray());
    }

    [Fact]
    public void AKilledEvaluateRunResumesToTheUninterruptedScores()
    {
        using var temp = new TempDirectory();
        var random = new Random(12);
        var truthValues = new ulong[Edge * Edge];
        var segmentValues = new ulong[Edge * Edge];
        for (int i = 0; i < truthValues.Length; i++)
        {
            truthValues[i] = (ulong)(i % Edge / 7) + (ulong)(i / Edge / 9 * 10);
            segmentValues[i] = i > 0 && random.Next(5) != 0 ? segmentValues[i - 1] : (ulong)random.Next(0, 12);
        }

        string truth = temp.Combine("data.zarr", "gt"), segmentation = temp.Combine("data.zarr", "seg");
        foreach (var (path, values) in new[] { (truth, truthValues), (segmentation, segmentValues) })
        {
            var labels = VolumeArray.Prepare(path, new PrepareOptions { Shape = [Edge, Edge], ChunkShape = [8, 8], DataType = DataType.UInt64 });
            labels.Write<ulong>(labels.Roi, values);
        }

        var whole = new Volara.Runtime.Evaluation.ContingencyTable();
        whole.Add(segmentValues, truthValues);
        var expected = Volara.Runtime.Evaluation.EvaluationResults.From(whole, ignoreBackground: true, blocks: Blocks);

        var logs = temp.Combine("logs");
        var task = new Evaluate
        {
            GtData = new Labels { Store = truth }, SegData = new Labels { Store = segmentation }, ResultsFile = temp.Combine("scores.json"),
            BlockSize = new Coordinate(BlockEdge, BlockEdge),
        };
        var marks = Path.Combine(TaskPaths.MetaDirectory(logs, task.Name), DoneStore.MarksFileName);
        using (var driver = StartProcess(["evaluate", truth, segmentation, task.ResultsFile, logs, BlockEdge.ToString(System.Globalization.CultureInfo.InvariantCulture), "50"]))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (CountMarks(marks) < 10)
            {
                if (driver.HasExited)
                {
                    Assert.Fail($"the driver ended (exit code {driver.ExitCode}) before it was killed: {driver.StandardError.ReadToEnd()}");
                }

                Assert.True(DateTime.UtcNow < deadline, "the driver marked no blocks within a minute");
                Thread.Sleep(20);
            }

            driver.Kill(entireProcessTree: true);
            driver.WaitForExit();
        }

        long doneAtKill = CountMarks(marks);
        Assert.InRange(doneAtKill, 10, Blocks - 1);
        Assert.False(File.Exists(task.ResultsFile));

        var rerun = Runner.Run(task, Quiet(logs))[task.Name];
        Assert.Equal((Blocks, (long)Blocks, doneAtKill, 0L), (rerun.Total, rerun.Completed, rerun.Skipped, rerun.Failed));
        Assert.Equal(expected, Evaluate.ReadResults(task.ResultsFile));
    }

    private static Threshold Threshold(string input, string mask) =>
        new() { InData = new Raw { Store = input }, Mask = new Labels { Store = mask }, Value = 127.5, BlockSize = new Coordinate(BlockEdge, BlockEdge) };

    private static RunOptions Quiet(string logs) =>
        new() { Mode = ExecutionMode.Threads, LogDirectory = logs, ShowProgress = false, PrintSummary = false };

    private static long CountMarks(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        return DoneBitmap.CountDone(path);
    }

    private static Process StartDriver(string input, string mask, string logs) =>
        StartProcess([input, mask, logs, BlockEdge.ToString(System.Globalization.CultureInfo.InvariantCulture), "50"]);

    private static Process StartProcess(string[] arguments)
    {
        Assert.True(File.Exists(Driver), $"the driver was not built next to the tests ({Driver})");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in (string[])["exec", Driver, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the driver");
        process.StandardOutput.ReadToEndAsync();
        return process;
    }
}
