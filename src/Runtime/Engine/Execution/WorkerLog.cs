using System.Globalization;

namespace Volara.Runtime.Engine.Execution;

/// <summary>An in-process worker's log file (<c>&lt;logdir&gt;/&lt;task&gt;/worker_&lt;id&gt;.log</c>), created on the first line.</summary>
internal sealed class WorkerLog(string logDirectory, string taskName, int workerId) : IDisposable
{
    private StreamWriter? writer;

    public string Path { get; } = TaskPaths.WorkerLog(logDirectory, taskName, workerId);

    public void Write(string message)
    {
        if (writer is null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            writer = new StreamWriter(Path, append: false) { AutoFlush = true };
        }

        writer.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {message}");
    }

    public void Dispose() => writer?.Dispose();
}
