using System.Diagnostics;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Best-of-N process CPU time. On a shared machine the wall clock of a single-threaded run mostly measures waiting
/// for a core; the CPU time the process was actually given is the fairer per-core figure (it includes the runtime's
/// own threads, so it errs on the slow side).
/// </summary>
public static class CpuTiming
{
    public static double BestSeconds(int repeats, Action action)
    {
        using var process = Process.GetCurrentProcess();
        double best = double.PositiveInfinity;
        for (int i = 0; i < repeats; i++)
        {
            process.Refresh();
            var start = process.TotalProcessorTime;
            action();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - start).TotalSeconds);
        }

        return best;
    }
}
