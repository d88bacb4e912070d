using System.Diagnostics;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Engine.Tracking;

namespace Volara.Bench.Engine;

/// <summary>
/// The engine's bookkeeping at petavoxel scale: a task of 1024³ = 2^30 no-op blocks of 64³ voxels (65,536³
/// voxels). Times what <c>volara plan</c> computes for it, creating its done-store, and the resume check of that
/// store with every block done (opening it and the scheduler finding nothing to hand out), against the target of
/// 10 s for all three, and reports the driver's peak resident memory against the target of 2 GiB.
/// </summary>
/// <remarks>
/// Runs only when named (<c>--filter petavoxel</c>), in a process of its own: the peak resident memory of a
/// process that ran other benchmarks first would include the heaps they left behind. Its done-store takes
/// 128 MiB in the work directory while it runs.
/// </remarks>
public sealed class PetavoxelGridBenchmark : IBenchmark
{
    private const long BlocksPerDim = 1024;
    private const long BlockEdge = 64;
    private const double TargetSeconds = 10;
    private const double TargetMegabytes = 2048;
    private const string TimeTarget = "target (10 s for plan + store + resume)";

    public string Name => "engine petavoxel grid";

    public bool RunsOnlyWhenNamed => true;

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        bool ownPeak = PeakMemory.TryReset();
        var task = new NoOpTask("petavoxel", BlocksPerDim, workers: 1, BlockEdge);
        string logs = Path.Combine(settings.WorkDirectory, "petavoxel-logs");
        try
        {
            long blocks = 0;
            double plan = Timing.BestSeconds(settings.Repeats, () => blocks = Plan(task));
            double create = Timing.BestSeconds(
                settings.Repeats, () => DeleteDirectory(logs), () => DoneStore.Open(logs, task.Name, task.Layout).Dispose());

            // Marking every block done stands in for the run before the resume; it is not part of the target.
            long markStart = Stopwatch.GetTimestamp();
            long storeBytes;
            using (var store = DoneStore.Open(logs, task.Name, task.Layout))
            {
                store.MarkRangeDone(0, store.BlockCount);
                storeBytes = new FileInfo(store.Path).Length;
            }

            double mark = Stopwatch.GetElapsedTime(markStart).TotalSeconds;
            double resume = Timing.BestSeconds(settings.Repeats, () => CheckAllDone(logs, task, blocks));
            double peak = PeakMemory.Megabytes();
            double total = plan + create + resume;
            Console.Error.WriteLine(
                $"  {blocks:N0} blocks of {BlockEdge}³ voxels: plan {plan * 1000:0.000} ms, done-store {create * 1000:0.0} ms " +
                $"({storeBytes / (1 << 20)} MiB), resume check {resume:0.000} s; marking all done (untimed) {mark:0.000} s; " +
                $"peak resident {peak:0} MiB ({(ownPeak ? "this benchmark" : "whole process")})");
            return
            [
                new BenchmarkResult("petavoxel grid (2^30 blocks of 64³): plan", "s", plan, TargetSeconds, TimeTarget, LowerIsBetter: true),
                new BenchmarkResult("petavoxel grid: done-store creation", "s", create, TargetSeconds, TimeTarget, LowerIsBetter: true),
                new BenchmarkResult("petavoxel grid: resume check, all blocks done", "s", resume, TargetSeconds, TimeTarget, LowerIsBetter: true),
                new BenchmarkResult("petavoxel grid: plan + store + resume", "s", total, TargetSeconds, "target (10 s)", LowerIsBetter: true),
                new BenchmarkResult("petavoxel grid: driver peak resident memory", "MiB", peak, TargetMegabytes, "target (2 GiB)", LowerIsBetter: true),
            ];
        }
        finally
        {
            DeleteDirectory(logs);
        }
    }

    // What `volara plan` computes for a task without opening datasets: its grid (blocks, conflict levels) and
    // the voxels a block reads and writes, times the blocks.
    private static long Plan(NoOpTask task)
    {
        var grid = new BlockGrid(task.Name, task.Layout);
        long written = task.Layout.BlockWriteRoi.Size!.Value * grid.BlockCount;
        long read = task.Layout.BlockReadRoi.Size!.Value * grid.BlockCount;
        if (grid.LevelCount != 1 || written <= 0 || read < written)
        {
            throw new InvalidOperationException($"the plan of '{task.Name}' is off: {grid}");
        }

        return grid.BlockCount;
    }

    private void CheckAllDone(string logs, NoOpTask task, long blocks)
    {
        using var store = DoneStore.Open(logs, task.Name, task.Layout);
        var scheduler = new Scheduler(task, _ => store);
        if (scheduler.Acquire(task.Name, 1).Count != 0 || !scheduler.IsFinished || scheduler.GetState(task.Name).Skipped != blocks)
        {
            throw new InvalidOperationException($"{Name}: the resume check handed out a done block or missed some of the {blocks} blocks");
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
