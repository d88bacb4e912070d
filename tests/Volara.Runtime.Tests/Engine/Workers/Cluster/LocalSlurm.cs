using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Engine.Workers.Cluster;

/// <summary>
/// A real single-node Slurm (munge, slurmctld, slurmd as background processes, everything under a scratch directory,
/// clients pointed at it through <c>SLURM_CONF</c>), started once for the Slurm tests and stopped after them.
/// Starting fails the tests rather than skipping them: these tests are the proof that cluster workers work.
/// </summary>
public sealed class LocalSlurm : IDisposable
{
    private readonly TempDirectory _root = new();

    public LocalSlurm()
    {
        var started = Run("start", _root.Path, FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (started.ExitCode != 0)
        {
            Run("stop", _root.Path);
            throw new InvalidOperationException($"the local Slurm did not start (exit code {started.ExitCode}): {started.Output}");
        }

        Environment = new Dictionary<string, string> { ["SLURM_CONF"] = ConfigPath };
    }

    public string ConfigPath => Path.Combine(_root.Path, "slurm.conf");

    /// <summary>What clients of this Slurm need (for <see cref="Volara.Workers.Cluster.ClusterWorkers.Environment"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Ids of this Slurm's jobs named <paramref name="jobName"/> in the given states (squeue's codes, e.g. "PD,R").</summary>
    public List<string> Jobs(string jobName, string states = "all")
    {
        var result = Client("squeue", "-h", "-o", "%i", "-n", jobName, "-t", states);
        Assert.True(result.ExitCode == 0, $"squeue failed: {result.Output}");
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public void Cancel(string jobId)
    {
        var result = Client("scancel", jobId);
        Assert.True(result.ExitCode == 0, $"scancel failed: {result.Output}");
    }

    public void Dispose()
    {
        Run("stop", _root.Path);
        try
        {
            _root.Dispose();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Files the daemons wrote as root stay behind when the tests do not run as root; nothing runs any more.
        }
    }

    private (int ExitCode, string Output) Client(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("20");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SLURM_CONF"] = ConfigPath;
        return Execute(start);
    }

    private static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Volara.Runtime.Tests", "Engine", "Workers", "Cluster", "local-slurm.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Execute(start);
    }

    private static (int ExitCode, string Output) Execute(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
