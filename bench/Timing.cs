using System.Diagnostics;

namespace Volara.Bench;

/// <summary>Best-of-N wall-clock timing; the first run doubles as warm-up for caches and the JIT.</summary>
public static class Timing
{
    public static double BestSeconds(int repeats, Action action) => BestSeconds(repeats, () => { }, action);

    /// <summary>Best-of-N timing of <paramref name="action"/>, with an untimed <paramref name="setup"/> before each run.</summary>
    public static double BestSeconds(int repeats, Action setup, Action action)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < repeats; i++)
        {
            setup();
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }
}
