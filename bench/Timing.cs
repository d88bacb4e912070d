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

    /// <summary>
    /// Best-of-N of two actions run in turn, one of each per round: on a machine whose load changes from second to second
    /// both see the same moments, so their ratio is steadier than that of two separate timings.
    /// </summary>
    public static (double First, double Second) BestSecondsAlternating(int repeats, Action first, Action second)
    {
        double bestFirst = double.PositiveInfinity, bestSecond = double.PositiveInfinity;
        for (int i = 0; i < repeats; i++)
        {
            bestFirst = Math.Min(bestFirst, BestSeconds(1, first));
            bestSecond = Math.Min(bestSecond, BestSeconds(1, second));
        }

        return (bestFirst, bestSecond);
    }
}
