using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Pipelines;

/// <summary>
/// Fault injection: the shipped segmentation pipeline in worker processes, its driver or one of its workers killed
/// with SIGKILL at a random moment (output creation included), then run again; the arrays, graph and look-up table
/// must equal those of a run never interrupted. Trials are seeded so a failure can be replayed: <c>VOLARA_KILL_SEED</c> and
/// <c>VOLARA_KILL_TRIALS</c> (CI runs 2; <c>scripts/kill-trials.sh</c> runs more).
/// </summary>
public sealed class KillAndResumeTests
{
    private const string FileName = "examples/segmentation.yaml";

    [Fact]
    public void ADriverKilledAtRandomMomentsLosesNothingAndTheRerunEqualsAnUninterruptedRun()
    {
        int seed = Setting("VOLARA_KILL_SEED", 20261207);
        int trials = Setting("VOLARA_KILL_TRIALS", 2);
        using var reference = new TempDirectory();
        ShippedSegmentationPipelineTests.WriteQuickstartInput(reference.Path);
        var clock = Stopwatch.StartNew();
        var uninterrupted = VolaraProcess.RunIn(reference.Path, "run", FileName);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        var expected = Results(reference.Path);
        int runMs = (int)clock.ElapsedMilliseconds;

        var random = new Random(seed);
        for (int trial = 0; trial < trials; trial++)
        {
            int killAfterMs = random.Next(runMs);
            bool workerFirst = random.Next(2) == 1;
            using var temp = new TempDirectory();
            ShippedSegmentationPipelineTests.WriteQuickstartInput(temp.Path);
            string victim;
            using (var driver = new VolaraBackground(temp.Path, "run", FileName))
            {
                Thread.Sleep(killAfterMs);
                // A worker when one is running and the trial picks one (the driver replaces it), else the driver.
                if (workerFirst && WorkersOf(temp.Path).FirstOrDefault() is { } worker)
                {
                    victim = "a worker";
                    worker.Kill();
                }
                else
                {
                    victim = "the driver";
                    driver.Signal("KILL");
                }

                driver.WaitForExit();
            }

            // Its workers notice the lost driver and end by themselves; the rerun must not meet them.
            WaitForWorkersToEnd(temp.Path);
            var rerun = VolaraProcess.RunIn(temp.Path, "run", FileName);

            string replay = $"seed {seed}, trial {trial}, {victim} killed after {killAfterMs} ms";
            Assert.True(rerun.ExitCode == 0, $"{replay}: {rerun.Stderr}");
            var actual = Results(temp.Path);
            foreach (var (name, bytes) in expected)
            {
                Assert.True(actual.TryGetValue(name, out var got) && got.SequenceEqual(bytes), $"{replay}: {name} differs from the uninterrupted run");
            }

            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        }
    }

    /// <summary>Every chunk of the label arrays, the look-up table, and the graph's rows in key order.</summary>
    private static Dictionary<string, byte[]> Results(string root)
    {
        string outputs = Path.Combine(root, "quickstart-output", "example.zarr");
        var results = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string array in new[] { "fragments", "segments" })
        {
            foreach (string chunk in Directory.EnumerateFiles(Path.Combine(outputs, array)).Where(f => char.IsDigit(Path.GetFileName(f)[0])))
            {
                results[$"{array}/{Path.GetFileName(chunk)}"] = File.ReadAllBytes(chunk);
            }
        }

        results["lut.npz"] = File.ReadAllBytes(Path.Combine(outputs, "lut.npz"));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(outputs, "db.sqlite")};Mode=ReadOnly");
        connection.Open();
        foreach (var (table, key) in new[] { ("nodes", "id"), ("edges", "u, v") })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY {key}";
            using var reader = command.ExecuteReader();
            var rows = new System.Text.StringBuilder();
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    rows.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(i + 1 < reader.FieldCount ? ',' : '\n');
                }
            }

            results[$"db.sqlite/{table}"] = System.Text.Encoding.UTF8.GetBytes(rows.ToString());
        }

        return results;
    }

    private static void WaitForWorkersToEnd(string root)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); Thread.Sleep(100))
        {
            if (!WorkersOf(root).Any())
            {
                return;
            }
        }

        Assert.Fail("the killed driver's workers did not end within a minute");
    }

    /// <summary>The worker processes of runs below <paramref name="root"/>.</summary>
    private static IEnumerable<Process> WorkersOf(string root) =>
        Process.GetProcesses().Where(p => CommandLine(p) is var line && line.Contains(root, StringComparison.Ordinal) && line.Contains("--volara-worker", StringComparison.Ordinal));

    private static string CommandLine(Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline");
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
