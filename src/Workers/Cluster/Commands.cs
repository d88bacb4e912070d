using System.Diagnostics;

namespace Volara.Workers.Cluster;

/// <summary>Starts and runs the scheduler's command-line tools.</summary>
internal static class Commands
{
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        for (var i = 1; i < command.Count; i++)
        {
            start.ArgumentList.Add(command[i]);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs a command to its end (killing it past <paramref name="limit"/>); returns its exit code and a one-line account for logs.</summary>
    public static async Task<CommandOutcome> RunAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, TimeSpan limit)
    {
        using var process = new Process { StartInfo = StartInfo(command, environment) };
        try
        {
            process.Start();
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new CommandOutcome(null, $"'{command[0]}' did not start: {error.Message}");
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new CommandOutcome(null, $"{ShellWords.Join(command)}: no answer within {limit.TotalSeconds:0} s");
        }

        var text = ((await output.ConfigureAwait(false)) + " " + (await errors.ConfigureAwait(false))).Trim().ReplaceLineEndings(" | ");
        return new CommandOutcome(process.ExitCode, $"{ShellWords.Join(command)}: exit code {process.ExitCode}" + (text.Length > 0 ? $": {text}" : ""));
    }
}
