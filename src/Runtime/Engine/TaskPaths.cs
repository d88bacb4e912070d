namespace Volara.Runtime.Engine;

/// <summary>Where a task's files live below the log directory (the volara/daisy conventions).</summary>
public static class TaskPaths
{
    /// <summary><c>&lt;logdir&gt;/&lt;task&gt;-meta</c>: configuration and done-store.</summary>
    public static string MetaDirectory(string logDirectory, string taskName) => Path.Combine(logDirectory, $"{taskName}-meta");

    /// <summary><c>&lt;logdir&gt;/&lt;task&gt;-meta/config.json</c>: what a worker rebuilds the task from.</summary>
    public static string ConfigFile(string logDirectory, string taskName) => Path.Combine(MetaDirectory(logDirectory, taskName), "config.json");

    /// <summary><c>&lt;logdir&gt;/&lt;task&gt;/worker_&lt;id&gt;.log</c>.</summary>
    public static string WorkerLog(string logDirectory, string taskName, int workerId) =>
        Path.Combine(logDirectory, taskName, $"worker_{workerId}.log");
}
