using System.Diagnostics;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Best-of-N processor time of single-threaded work: "per core" figures that stay meaningful when other processes
/// share the cores (wall time then measures the neighbours too).
/// </summary>
public static class CpuTiming
{
    public static double BestSeconds(int repeats, Action action)
    {
        double best = double.PositiveInfinity;
        using var process = Process.GetCurrentProcess();
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
