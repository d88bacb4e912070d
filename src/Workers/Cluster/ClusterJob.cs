using System.Diagnostics;
using Volara.Workers.Driver;

namespace Volara.Workers.Cluster;

/// <summary>
/// One worker job: the blocking submission command (<c>sbatch --wait</c>, <c>bsub -K</c>) running on the driver's
/// machine. The job id is read from its output; its exit is the job's end. Its own lines go into the worker log
/// next to the job's output, and its error lines explain a failed submission.
/// </summary>
internal sealed class ClusterJob : IWorkerHandle
{
    private const int KeptErrorLines = 10;

    private readonly ClusterWorkers _config;
    private readonly Process _client;
    private readonly string _logPath;
    private readonly Lock _gate = new();
    private readonly Queue<string> _errorLines = new();
    private readonly TaskCompletionSource<string?> _jobId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _killRequested;
    private bool _cancelSent;

    private ClusterJob(ClusterWorkers config, Process client, string logPath)
    {
        _config = config;
        _client = client;
        _logPath = logPath;
        Exited = WatchAsync();
    }

    public Task<int> Exited { get; }

    /// <summary>The scheduler's id of the job once the submission printed it.</summary>
    public string? JobId => _jobId.Task.IsCompletedSuccessfully ? _jobId.Task.Result : null;

    public bool HasEnded => Exited.IsCompleted;

    public static ClusterJob Submit(ClusterWorkers config, WorkerCommand command, WorkerContext context, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        List<string> worker = [command.FileName, .. command.Arguments, WorkerEntry.Flag, .. context.ToArguments()];
        var submit = config.SubmitCommand(context.TaskName, logPath, worker);
        var start = Commands.StartInfo(submit, config.Environment);
        foreach (var (name, value) in context.ToEnvironment())
        {
            start.Environment[name] = value;
        }

        AppendLog(logPath, $"[{DateTime.UtcNow:O}] submitting worker {context.WorkerId} of task '{context.TaskName}': {ShellWords.Join(submit)}");
        var client = new Process { StartInfo = start };
        try
        {
            client.Start();
        }
        catch (Exception error)
        {
            client.Dispose();
            throw new InvalidOperationException(
                $"cannot submit worker {context.WorkerId} of task '{context.TaskName}' to {config.SchedulerName}: '{submit[0]}' did not start ({error.Message})", error);
        }

        client.StandardInput.Close();
        var job = new ClusterJob(config, client, logPath);
        client.OutputDataReceived += (_, line) => job.OnOutput(line.Data);
        client.ErrorDataReceived += (_, line) => job.OnError(line.Data);
        client.BeginOutputReadLine();
        client.BeginErrorReadLine();
        return job;
    }

    /// <summary>Cancels the job (once its id is known) and ends the submission command.</summary>
    public void Kill()
    {
        string? id;
        lock (_gate)
        {
            _killRequested = true;
            id = JobId;
        }

        // Without an id yet the submission may still be creating the job: it is cancelled as soon as the id
        // arrives (OnOutput), so no job outlives a kill.
        if (id is not null)
        {
            _ = CancelAsync();
        }
    }

    /// <summary>Runs the cancel command for this job, once, then ends the submission command.</summary>
    public async Task CancelAsync()
    {
        string? id;
        lock (_gate)
        {
            id = JobId;
            if (id is null || _cancelSent)
            {
                return;
            }

            _cancelSent = true;
        }

        if (!HasEnded)
        {
            var outcome = await Commands.RunAsync(_config.CancelCommand([id]), _config.Environment, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            AppendLog(_logPath, $"[{DateTime.UtcNow:O}] cancelled job {id}: {outcome}");
        }

        KillClient();
    }

    /// <summary>Marks the job as cancelled by a cancel command run for several jobs at once.</summary>
    public void MarkCancelled()
    {
        lock (_gate)
        {
            _cancelSent = true;
        }
    }

    public void KillClient()
    {
        try
        {
            _client.Kill();
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

    /// <summary>Waits until the submission printed the job id, it ended, or the time is up.</summary>
    public async Task<string?> WaitForJobIdAsync(TimeSpan limit)
    {
        await Task.WhenAny(_jobId.Task, Exited, Task.Delay(limit)).ConfigureAwait(false);
        return JobId;
    }

    public string DescribeExit(int exitCode)
    {
        string errors;
        lock (_gate)
        {
            errors = string.Join(" | ", _errorLines);
        }

        var program = _client.StartInfo.FileName;
        if (JobId is null)
        {
            return $"{_config.SchedulerName} submission failed: '{program}' exited with code {exitCode}"
                + (errors.Length > 0 ? $": {errors}" : " and printed no error");
        }

        return $"{_config.SchedulerName} job {JobId} ended with exit code {exitCode}" + (errors.Length > 0 ? $" ({program}: {errors})" : "");
    }

    public void Dispose() => _client.Dispose();

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        AppendLog(_logPath, line);
        if (JobId is null && _config.ParseJobId(line) is { } id)
        {
            _jobId.TrySetResult(id);
            bool cancel;
            lock (_gate)
            {
                cancel = _killRequested;
            }

            AppendLog(_logPath, $"[{DateTime.UtcNow:O}] {_config.SchedulerName} job {id}");
            if (cancel)
            {
                _ = CancelAsync();
            }
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        AppendLog(_logPath, line);
        lock (_gate)
        {
            _errorLines.Enqueue(line);
            if (_errorLines.Count > KeptErrorLines)
            {
                _errorLines.Dequeue();
            }
        }
    }

    private async Task<int> WatchAsync()
    {
        await _client.WaitForExitAsync().ConfigureAwait(false);
        _jobId.TrySetResult(JobId);
        var exitCode = _client.ExitCode;
        AppendLog(_logPath, $"[{DateTime.UtcNow:O}] worker job ended: {DescribeExit(exitCode)}");
        return exitCode;
    }

    // The scheduler appends the job's own output to the same file; each line is one short append.
    private static readonly Lock LogGate = new();

    private static void AppendLog(string path, string line)
    {
        lock (LogGate)
        {
            try
            {
                File.AppendAllText(path, line + "\n");
            }
            catch (IOException)
            {
                // A log line is not worth failing the run over.
            }
        }
    }
}
