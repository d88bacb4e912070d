using System.Diagnostics;

namespace Volara.Runtime.Tests.Support;

/// <summary>
/// Runs scripts with the system Python that has the reference packages (zarr-python 2, numcodecs,
/// numpy, dask) installed by the test command. Interop tests fail, not skip, when it is missing:
/// a test that cannot fail proves nothing.
/// </summary>
public static class ReferencePython
{
    /// <summary>The interpreter; overridable through VOLARA_REFERENCE_PYTHON.</summary>
    public static string Interpreter =>
        Environment.GetEnvironmentVariable("VOLARA_REFERENCE_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with the given arguments and returns its standard output.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("reference python script did not finish in 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"reference python exited with {process.ExitCode} (is python3-zarr installed? run ./test.sh):\n{stderr.Result}");
        }

        return stdout.Result;
    }
}
