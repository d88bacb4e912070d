using System.Diagnostics;
using System.Text;

namespace Volara.Cli.Tests.Support;

/// <summary>A volara command that keeps running (<c>serve</c>, a long <c>run</c>): started in the background, stopped on dispose.</summary>
public sealed class VolaraBackground : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();

    public VolaraBackground(string workingDirectory, params string[] arguments)
    {
        // A shell starts background jobs with Ctrl-C ignored, and an ignored signal stays ignored through every exec,
        // so volara (rightly) would not stop on SIGINT when the tests run in such a job: env gives it the default back.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet");
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(VolaraProcess.Dll);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>What the command has printed to stderr so far.</summary>
    public string ErrorText
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>The next line the command prints; fails when it exits or stays silent for a minute.</summary>
    public string ReadLine()
    {
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromMinutes(1)) || line.Result is null)
        {
            throw new InvalidOperationException($"volara printed no line; stderr: {ErrorText}");
        }

        return line.Result;
    }

    /// <summary>Sends the command a signal (<c>INT</c> as Ctrl-C does, <c>TERM</c>), as a user or a scheduler would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) ?? throw new InvalidOperationException("could not start kill");
        kill.WaitForExit();
    }

    /// <summary>Waits (at most two minutes) for the command to end; what it printed and its exit code.</summary>
    public VolaraResult WaitForExit()
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            throw new InvalidOperationException("volara did not end within two minutes");
        }

        process.WaitForExit(); // lets the last stderr lines arrive
        return new VolaraResult(process.ExitCode, stdout.Result, ErrorText);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
