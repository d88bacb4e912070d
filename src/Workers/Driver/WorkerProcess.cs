using System.Diagnostics;

namespace Volara.Workers.Driver;

/// <summary>
/// A started worker process whose standard output and error are copied, line by line, into its log file
/// (so crashes of the runtime itself are in the log too).
/// </summary>
internal sealed class WorkerProcess : IWorkerHandle
{
    private readonly Process _process;
    private readonly WorkerOutputLog _log;

    private WorkerProcess(Process process, WorkerOutputLog log)
    {
        _process = process;
        _log = log;
        Exited = WatchAsync();
    }

    /// <summary>Completes with the exit code once the process has exited and its output is in the log.</summary>
    public Task<int> Exited { get; }

    public static WorkerProcess Start(WorkerCommand command, WorkerContext context, string logPath)
    {
        var log = new WorkerOutputLog(logPath);
        var start = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // Workers never read the terminal; an inherited stdin would let them compete with the driver for it.
            RedirectStandardInput = true,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(WorkerEntry.Flag);
        foreach (var argument in context.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in context.ToEnvironment())
        {
            start.Environment[name] = value;
        }

        log.WriteLine($"[{DateTime.UtcNow:O}] starting worker {context.WorkerId} of task '{context.TaskName}': {command.FileName} {string.Join(' ', start.ArgumentList)}");
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception error)
        {
            log.WriteLine($"cannot start the worker: {error.Message}");
            log.Dispose();
            process.Dispose();
            throw new InvalidOperationException($"cannot start worker {context.WorkerId} of task '{context.TaskName}' ({command.FileName}): {error.Message}", error);
        }

        process.StandardInput.Close();
        var worker = new WorkerProcess(process, log);
        process.OutputDataReceived += (_, line) => worker.WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => worker.WriteLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Kills the process and its children; harmless when it has exited.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting right now.
        }
    }

    public string DescribeExit(int exitCode) => $"exit code {exitCode}";

    public void Dispose()
    {
        _process.Dispose();
        _log.Dispose();
    }

    private void WriteLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.WriteLine(line);
    }

    private async Task<int> WatchAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        var exitCode = _process.ExitCode;
        WriteLine($"[{DateTime.UtcNow:O}] worker exited with code {exitCode}");
        return exitCode;
    }
}
