using System.Globalization;

namespace Volara.Bench.Scale;

/// <summary>
/// Processor time of this process's finished children and their own finished children (Linux: cutime + cstime), so
/// a run of <c>volara</c> that starts worker processes is charged for all of them.
/// </summary>
internal static class ChildCpuTime
{
    // The kernel's clock tick for /proc times; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public static double Seconds()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // After "pid (comm) ", field 16 (cutime) and 17 (cstime) are at 13 and 14.
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
