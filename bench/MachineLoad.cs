using System.Globalization;

namespace Volara.Bench;

/// <summary>
/// How busy the machine was as a benchmark started: ratios swing threefold on a busy machine, so a run says when its
/// figures were taken on one. Busy means the processors were more than a quarter occupied during the second before
/// (from <c>/proc/stat</c>). The load average is reported beside it but does not decide: it also counts threads
/// waiting in the kernel, and stays above the core count on a machine whose processors are idle.
/// </summary>
public static class MachineLoad
{
    private const double BusyShare = 0.25;

    /// <summary>The share of processor time not idle over one second (NaN where <c>/proc/stat</c> is missing), and the one-minute load average.</summary>
    public static (double Busy, double LoadAverage) Sample()
    {
        var first = ProcessorTimes();
        Thread.Sleep(1000);
        var second = ProcessorTimes();
        double total = second.Total - first.Total;
        double busy = first.Total < 0 || total <= 0 ? double.NaN : 1 - ((second.Idle - first.Idle) / total);
        return (busy, LoadAverage());
    }

    /// <summary>A note when the processors were busy before the benchmark started, else null.</summary>
    public static string? Busy((double Busy, double LoadAverage) before) =>
        before.Busy > BusyShare
            ? string.Create(CultureInfo.InvariantCulture, $"the machine was busy as it started ({before.Busy:P0} of its {Environment.ProcessorCount} cores occupied, load average {before.LoadAverage:0.00}); its ratios may be off")
            : null;

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load)
            ? load
            : double.NaN;

    // The "cpu" line: user nice system idle iowait irq softirq steal ...; idle and iowait are time no work ran.
    private static (double Total, double Idle) ProcessorTimes()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (-1, 0);
        }

        string line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        double[] fields = [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
        return (fields.Take(8).Sum(), fields[3] + fields[4]);
    }
}
