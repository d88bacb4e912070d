using System.Diagnostics;
using System.Globalization;

namespace Volara.Runtime.Memory;

/// <summary>This process's resident memory as the operating system counts it — what a cluster's memory limit kills on.</summary>
public static class ResidentMemory
{
    /// <summary>The most resident memory this process has had (Linux: <c>VmHWM</c>), in bytes.</summary>
    public static long PeakBytes()
    {
        if (OperatingSystem.IsLinux() && StatusField("VmHWM:") is { } kilobytes)
        {
            return kilobytes * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static long? StatusField(string name)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    // "VmHWM:     123456 kB"
                    string value = line[name.Length..].Trim();
                    int space = value.IndexOf(' ', StringComparison.Ordinal);
                    return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
