using System.Diagnostics;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Workers;

namespace Volara.Bench.Engine;

/// <summary>
/// Scheduler throughput across processes: no-op blocks through the Runner (scheduler, done-store) with two
/// worker processes of this program over gRPC. The peer figure is daisy 2's published rate (≈ 30k blocks/s;
/// daisy 1.x ≈ 6k), an anchor rather than a measurement; the target is ≥ 20k blocks/s.
/// </summary>
public sealed class ProcessThroughputBenchmark : IBenchmark
{
    private const double Daisy2BlocksPerSecond = 30_000;

    public string Name => "engine processes";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions());
        var side = settings.Quick ? 300 : 500;
        var best = 0.0;
        for (var repeat = 0; repeat < settings.Repeats; repeat++)
        {
            var logs = Path.Combine(settings.WorkDirectory, "engine-throughput", Guid.NewGuid().ToString("N"));
            try
            {
                var task = new NoOpBlocksTask
                {
                    TaskName = "noop",
                    TotalRoi = new Roi(new Coordinate(0, 0), new Coordinate(side, side)),
                    Execution = new() { NumWorkers = 2 },
                };
                var clock = Stopwatch.StartNew();
                var result = Runner.Run(task, new RunOptions
                {
                    Mode = ExecutionMode.Processes,
                    LogDirectory = logs,
                    ShowProgress = false,
                    PrintSummary = false,
                });
                var seconds = clock.Elapsed.TotalSeconds;
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"the no-op run did not complete:{Environment.NewLine}{result.Summary}");
                }

                var rate = side * side / seconds;
                Console.Error.WriteLine($"  {side * side} no-op blocks in 2 worker processes: {seconds:0.00} s, {rate:0} blocks/s");
                best = Math.Max(best, rate);
            }
            finally
            {
                Directory.Delete(logs, recursive: true);
            }
        }

        return [new BenchmarkResult("no-op blocks, 2 worker processes", "blocks/s", best, Daisy2BlocksPerSecond, "daisy 2 (published)")];
    }
}
