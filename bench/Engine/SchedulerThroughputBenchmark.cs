using Volara.Runtime.Engine.Running;
using Volara.Runtime.Engine.Scheduling;

namespace Volara.Bench.Engine;

/// <summary>
/// Blocks per second through the scheduler with no-op blocks: the bare acquire/report loop, and a whole
/// threaded run (done-store marks, progress accounting, two worker threads). The peer figure is daisy 1.x's
/// published throughput (≈ 6,000 blocks/s); daisy is not installed to measure it here.
/// </summary>
public sealed class SchedulerThroughputBenchmark : IBenchmark
{
    private const double DaisyBlocksPerSecond = 6_000;
    private const string DaisyName = "daisy 1.x (published ≈6k blocks/s)";

    public string Name => "engine scheduler";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        long perDim = settings.Quick ? 40 : 80;
        long blocks = perDim * perDim * perDim;
        string logs = Path.Combine(settings.WorkDirectory, "scheduler-logs");

        double loopSeconds = Timing.BestSeconds(settings.Repeats, () =>
        {
            var scheduler = new Scheduler(new NoOpTask("loop", perDim, 1));
            while (scheduler.Acquire("loop", 64) is { Count: > 0 } batch)
            {
                foreach (var block in batch)
                {
                    scheduler.Succeeded(block);
                }
            }
        });

        var task = new NoOpTask("threads", perDim, workers: 2);
        var options = new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = logs, ShowProgress = false, PrintSummary = false };
        double runSeconds = Timing.BestSeconds(settings.Repeats, () =>
        {
            Runner.Drop(task, logs);
            var result = Runner.Run(task, options);
            if (!result.Succeeded || result["threads"].Completed != blocks)
            {
                throw new InvalidOperationException($"{Name}: the no-op run did not complete all {blocks} blocks");
            }
        });
        Directory.Delete(logs, recursive: true);
        Console.Error.WriteLine($"  {blocks} no-op blocks: loop {loopSeconds:0.000} s, threaded run {runSeconds:0.000} s");

        return
        [
            new BenchmarkResult("scheduler loop, no-op blocks", "blocks/s", blocks / loopSeconds, DaisyBlocksPerSecond, DaisyName),
            new BenchmarkResult("threaded run (2 workers), no-op blocks", "blocks/s", blocks / runSeconds, DaisyBlocksPerSecond, DaisyName),
        ];
    }
}
