using System.Globalization;

namespace Volara.Runtime.Engine.Execution;

/// <summary>
/// An in-process worker's log file (<c>&lt;logdir&gt;/&lt;task&gt;/worker_&lt;id&gt;.log</c>), created on the first line.
/// A log that cannot be written (a full disk) is given up rather than stopping the worker.
/// </summary>
internal sealed class WorkerLog(string logDirectory, string taskName, int workerId) : IDisposable
{
    private StreamWriter? writer;
    private bool givenUp;

    public string Path { get; } = TaskPaths.WorkerLog(logDirectory, taskName, workerId);

    public void Write(string message)
    {
        if (givenUp)
        {
            return;
        }

        try
        {
            if (writer is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                writer = new StreamWriter(Path, append: false) { AutoFlush = true };
            }

            writer.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {message}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            givenUp = true;
            Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            writer?.Dispose();
        }
        catch (IOException)
        {
            // The lines still buffered are lost with the log.
        }

        writer = null;
    }
}
