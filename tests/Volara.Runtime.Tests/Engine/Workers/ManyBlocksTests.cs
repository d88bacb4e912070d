using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using Volara.TestWorker;
using Volara.Workers;

namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>Scale: 100,000 blocks through two worker processes with the done-store, then a rerun that skips them all.</summary>
[Collection(RunnerProcessCollection.Name)]
public sealed class ManyBlocksTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ManyBlocksTests() =>
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AHundredThousandBlocksRunInTwoWorkersAndARerunSkipsThemAll()
    {
        NoOpTask Task() => new()
        {
            TaskName = "many",
            TotalRoi = new Roi(new Coordinate(0, 0), new Coordinate(250, 400)),
            BlockSize = new Coordinate(1, 1),
            Execution = new() { NumWorkers = 2 },
        };
        var options = new RunOptions { Mode = ExecutionMode.Processes, LogDirectory = _temp.Combine("logs"), Progress = TextWriter.Null, ShowProgress = false };

        var first = Runner.Run(Task(), options);
        var rerun = Runner.Run(Task(), options);

        Assert.Equal((100_000L, 100_000L, 0L, 0L), (first["many"].Total, first["many"].Completed, first["many"].Skipped, first["many"].Failed));
        Assert.Equal((100_000L, 100_000L, 100_000L, 0L), (rerun["many"].Total, rerun["many"].Completed, rerun["many"].Skipped, rerun["many"].Failed));
        var workerLogs = Directory.GetFiles(_temp.Combine("logs", "many"), "worker_*.log");
        Assert.Equal(2, workerLogs.Length);
    }
}
