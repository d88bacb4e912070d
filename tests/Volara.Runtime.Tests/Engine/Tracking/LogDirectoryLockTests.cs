using System.Diagnostics;
using System.Text.Json.Nodes;
using Volara.Runtime.Engine.Tracking;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Engine.Tracking;

public sealed class LogDirectoryLockTests
{
    [Fact]
    public void ASecondDriverIsRefusedNamingTheHolderAndAKilledHolderReleasesTheDirectory()
    {
        using var temp = new TempDirectory();
        string logs = temp.Combine("logs");
        using (LogDirectoryLock.Acquire(logs))
        {
            var holder = JsonNode.Parse(File.ReadAllText(Path.Combine(logs, "driver.json")))!;
            Assert.Equal(Environment.ProcessId, holder["pid"]!.GetValue<int>());
        }

        Assert.False(File.Exists(Path.Combine(logs, "driver.json")));

        // Another process takes the same operating-system lock, says who it is, and is then killed.
        using var other = Process.Start(new ProcessStartInfo("flock", ["--no-fork", Path.Combine(logs, "driver.lock"), "sleep", "60"]))!;
        try
        {
            Assert.Contains("(another process)", WaitForRefusal(logs).Message);
            File.WriteAllText(Path.Combine(logs, "driver.json"), """{"pid": 4242, "host": "node7", "started": "2026-01-02 03:04:05 +00:00"}""");
            var refused = Assert.Throws<LogDirectoryLockedException>(() => LogDirectoryLock.Acquire(logs));
            Assert.Contains($"another run is using the log directory '{logs}'", refused.Message);
            Assert.Contains("process 4242 on node7, started 2026-01-02 03:04:05 +00:00", refused.Message);
        }
        finally
        {
            other.Kill();
            other.WaitForExit();
        }

        using var taken = LogDirectoryLock.Acquire(logs);
        Assert.Equal(Environment.ProcessId, JsonNode.Parse(File.ReadAllText(Path.Combine(logs, "driver.json")))!["pid"]!.GetValue<int>());
    }

    [Fact]
    public void TheLockIsReentrantWithinAProcessAndHeldUntilTheLastRelease()
    {
        using var temp = new TempDirectory();
        var outer = LogDirectoryLock.Acquire(temp.Path);
        using (LogDirectoryLock.Acquire(Path.Combine(temp.Path, ".", string.Empty)))
        {
        }

        Assert.True(File.Exists(Path.Combine(temp.Path, "driver.json")));
        outer.Dispose();
        Assert.False(File.Exists(Path.Combine(temp.Path, "driver.json")));
    }

    /// <summary>The refusal once the other process holds the lock (it may take a moment to start).</summary>
    private static LogDirectoryLockedException WaitForRefusal(string logs)
    {
        for (var clock = Stopwatch.StartNew(); ; Thread.Sleep(50))
        {
            try
            {
                LogDirectoryLock.Acquire(logs).Dispose();
            }
            catch (LogDirectoryLockedException refused)
            {
                return refused;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the other process never took the lock");
        }
    }
}
