using System.Globalization;

namespace Volara.Bench;

/// <summary>
/// The machine's load while a benchmark ran: ratios swing threefold on a busy machine, so a run says when its
/// figures were taken on one: a one-minute load average above the number of cores as it starts (afterwards the
/// figure counts the benchmark's own work).
/// </summary>
public static class MachineLoad
{
    public static double OneMinute() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load)
            ? load
            : double.NaN;

    /// <summary>A note when the load exceeded the core count, else null.</summary>
    public static string? Busy(double before) =>
        before > Environment.ProcessorCount
            ? string.Create(CultureInfo.InvariantCulture, $"the machine was busy as it started (load average {before:0.00} on {Environment.ProcessorCount} cores); its ratios may be off")
            : null;
}
