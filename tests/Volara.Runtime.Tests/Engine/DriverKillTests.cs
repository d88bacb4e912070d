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

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes.Count(b => b != 0);
    }

    private static Process StartDriver(string input, string mask, string logs)
    {
        Assert.True(File.Exists(Driver), $"the driver was not built next to the tests ({Driver})");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", Driver, input, mask, logs, BlockEdge.ToString(System.Globalization.CultureInfo.InvariantCulture), "50" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the driver");
        process.StandardOutput.ReadToEndAsync();
        return process;
    }
}
