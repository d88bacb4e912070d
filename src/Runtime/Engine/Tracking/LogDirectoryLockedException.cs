namespace Volara.Runtime.Engine.Tracking;

/// <summary>Another driver is running with the same log directory.</summary>
public sealed class LogDirectoryLockedException : Exception
{
    public LogDirectoryLockedException(string logDirectory, string holder)
        : base($"another run is using the log directory '{logDirectory}' ({holder}); wait for it to end, or give this run its own log directory")
    {
        LogDirectory = logDirectory;
    }

    public string LogDirectory { get; }
}
