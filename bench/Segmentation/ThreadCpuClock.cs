using System.Runtime.InteropServices;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Processor time of the calling thread in nanoseconds (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): unlike the process
/// time it leaves out the runtime's JIT and GC threads and has nanosecond rather than scheduler-tick resolution.
/// Elsewhere it falls back to the process time.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var time) == 0)
        {
            return time.Seconds + (time.Nanoseconds * 1e-9);
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The best (least) thread processor time of <paramref name="repeats"/> runs of <paramref name="action"/>.</summary>
    public static double BestSeconds(int repeats, Action action)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < repeats; i++)
        {
            double start = Seconds();
            action();
            best = Math.Min(best, Seconds() - start);
        }

        return best;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
