using Volara.Runtime.Memory;

namespace Volara.Bench.Engine;

/// <summary>
/// Peak resident memory of this process (Linux's VmHWM, file-backed mappings included), which can be reset so a
/// benchmark reports its own peak rather than that of the benchmarks run before it.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Lowers the peak to the current resident memory; false where the kernel does not allow it.</summary>
    public static bool TryReset()
    {
        try
        {
            // "5" resets the peak resident set size (Linux 4.0 and later).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double Megabytes() => ResidentMemory.PeakBytes() / (1024.0 * 1024.0);
}
