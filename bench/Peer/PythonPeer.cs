using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Volara.Bench.Peer;

/// <summary>
/// Runs the Python side of a comparison: an embedded script executed by the system Python that has
/// zarr-python 2, numcodecs and numpy installed. Missing Python or packages fail loudly.
/// </summary>
public static class PythonPeer
{
    /// <summary>The interpreter; overridable through VOLARA_REFERENCE_PYTHON.</summary>
    public static string Interpreter =>
        Environment.GetEnvironmentVariable("VOLARA_REFERENCE_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    /// <summary>Fails with a clear message unless the interpreter exists and imports the reference packages.</summary>
    public static string EnsureAvailable()
    {
        const string probe = "import sys, zarr, numcodecs, numpy; print(f'python {sys.version.split()[0]}, zarr {zarr.__version__}, numcodecs {numcodecs.__version__}, numpy {numpy.__version__}')";
        return RunProcess("availability probe", ["-c", probe], TimeSpan.FromMinutes(1)).Trim();
    }

    /// <summary>Runs the embedded script <paramref name="scriptName"/> with one JSON argument and parses its JSON output.</summary>
    public static JsonObject Run(string scriptName, JsonObject argument, TimeSpan timeout)
    {
        string stdout = RunProcess($"peer script {scriptName}", ["-c", Script(scriptName), argument.ToJsonString()], timeout);
        return JsonNode.Parse(stdout) as JsonObject
            ?? throw new InvalidOperationException($"peer script {scriptName} printed no JSON object:\n{stdout}");
    }

    private static string RunProcess(string what, IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException(
                $"the peer needs {Interpreter} with zarr, numcodecs and numpy (Debian: apt-get install python3-zarr python3-numcodecs python3-numpy), or set VOLARA_REFERENCE_PYTHON");
        }

        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish within {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {process.ExitCode} ({Interpreter} needs zarr, numcodecs and numpy):\n{stderr.Result}");
        }

        return stdout.Result;
    }

    private static string Script(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded peer script {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
