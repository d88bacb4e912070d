namespace Volara.Workers.Driver;

/// <summary>
/// A worker process's log file, its output copied line by line. Logs must never stop a run: a log that cannot be
/// opened or written (a full disk, a quota) is given up with one warning on standard error, and the run goes on;
/// what fails for lack of space beyond the log (outputs, done-marks) fails its blocks, which the summary reports.
/// </summary>
internal sealed class WorkerOutputLog : IDisposable
{
    private readonly Lock gate = new();
    private readonly string path;
    private StreamWriter? writer;

    public WorkerOutputLog(string path)
    {
        this.path = path;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Warn($"the worker log '{path}' cannot be written ({error.Message}); the run goes on without it");
        }
    }

    public void WriteLine(string line)
    {
        lock (gate)
        {
            try
            {
                writer?.WriteLine(line);
            }
            catch (IOException error)
            {
                Warn($"the worker log '{path}' stopped ({error.Message}); the run goes on without it");
                Close();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            Close();
        }
    }

    private static void Warn(string message)
    {
        Console.Error.WriteLine($"volara: warning: {message}");
        Console.Error.Flush();
    }

    private void Close()
    {
        try
        {
            writer?.Dispose();
        }
        catch (IOException)
        {
            // Whatever was buffered is lost with the log; the run does not depend on it.
        }

        writer = null;
    }
}
