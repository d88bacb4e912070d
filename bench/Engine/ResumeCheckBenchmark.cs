using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Engine.Tracking;

namespace Volara.Bench.Engine;

/// <summary>
/// Resume check of a 1,000,000-block task whose blocks are all marked done: opening the done-store and
/// skipping every block through the scheduler. The reference is the target of one second per million blocks
/// (daisy checks blocks one by one with a user function, typically a database or file lookup per block).
/// </summary>
public sealed class ResumeCheckBenchmark : IBenchmark
{
    public string Name => "engine resume check";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        string logs = Path.Combine(settings.WorkDirectory, "resume-logs");
        var task = new NoOpTask("resume", 100, 1);
        using (var store = DoneStore.Open(logs, task.Name, task.Layout))
        {
            store.MarkRangeDone(0, store.BlockCount);
        }

        long blocks = 0;
        double seconds = Timing.BestSeconds(settings.Repeats, () =>
        {
            using var store = DoneStore.Open(logs, task.Name, task.Layout);
            var scheduler = new Scheduler(task, _ => store);
            if (scheduler.Acquire(task.Name, 1).Count != 0 || !scheduler.IsFinished)
            {
                throw new InvalidOperationException($"{Name}: a done block was handed out");
            }

            blocks = scheduler.GetState(task.Name).Skipped;
        });
        Directory.Delete(logs, recursive: true);
        Console.Error.WriteLine($"  {blocks} done blocks checked in {seconds * 1000:0.0} ms");
        return [new BenchmarkResult("resume check, 1M done blocks", "blocks/s", blocks / seconds, 1_000_000, "target (1M blocks in 1 s)")];
    }
}
