namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>Finds running processes by their command line (Linux /proc), to prove no worker outlives its run.</summary>
internal static class WorkerProcesses
{
    public static List<int> WithArgument(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal) && !IsZombie(directory))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie($"/proc/{pid}");

    private static bool IsZombie(string directory)
    {
        try
        {
            var status = File.ReadAllText(Path.Combine(directory, "stat"));
            var state = status[(status.LastIndexOf(')') + 2)..];
            return state.StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
