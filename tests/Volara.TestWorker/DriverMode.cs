using System.Globalization;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;

namespace Volara.TestWorker;

/// <summary>
/// Runs a <see cref="WriteIdsTask"/> (32×48 voxels in 8×8 blocks, 2 worker processes of this program) and
/// prints one line per task: <c>name total completed skipped failed orphaned</c>.
/// </summary>
public static class DriverMode
{
    public static readonly Roi Total = new(new Coordinate(0, 0), new Coordinate(32, 48));
    public static readonly Coordinate BlockSize = new(8, 8);

    public static int Run(string[] args)
    {
        if (args.Length != 4)
        {
            Console.Error.WriteLine("drive needs <log-dir> <output.zarr> <started-dir> <sleep-ms>");
            return 2;
        }

        var sleepMs = int.Parse(args[3], CultureInfo.InvariantCulture);
        var task = new WriteIdsTask
        {
            TaskName = "ids",
            TotalRoi = Total,
            BlockSize = BlockSize,
            Execution = new() { NumWorkers = 2 },
            OutputPath = args[1],
            StartedDirectory = args[2],
            SleepMs = sleepMs,
            SleepEveryBlock = sleepMs > 0,
        };
        var result = Runner.Run(task, new RunOptions
        {
            Mode = ExecutionMode.Processes,
            LogDirectory = args[0],
            ShowProgress = false,
        });
        return Report(result);
    }

    /// <summary>Runs a <see cref="NoOpTask"/> over the same grid in worker processes.</summary>
    public static int RunNoOp(string logDirectory)
    {
        var task = new NoOpTask { TaskName = "noop", TotalRoi = Total, BlockSize = BlockSize, Execution = new() { NumWorkers = 2 } };
        return Report(Runner.Run(task, new RunOptions { Mode = ExecutionMode.Processes, LogDirectory = logDirectory, ShowProgress = false }));
    }

    private static int Report(RunResult result)
    {
        foreach (var taskResult in result.Tasks)
        {
            Console.WriteLine(string.Join(' ', taskResult.Name, taskResult.Total, taskResult.Completed, taskResult.Skipped, taskResult.Failed, taskResult.Orphaned));
        }

        return result.Succeeded ? 0 : 1;
    }
}
