using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Commands;

/// <summary>volara serves as the worker program of process runs: the worker flag bypasses the commands.</summary>
public sealed class WorkerModeTests
{
    [Fact]
    public void TheWorkerFlagRunsTheWorkerEntryWhichNamesAMissingTaskConfiguration()
    {
        using var temp = new TempDirectory();

        var result = VolaraProcess.Run("--volara-worker", "--driver", "http://127.0.0.1:1", "--task", "threshold", "--worker-id", "0", "--log-dir", temp.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("volara worker: cannot start", result.Stderr);
        Assert.Contains(Path.Combine(temp.Path, "threshold-meta", "config.json"), result.Stderr);
    }
}
