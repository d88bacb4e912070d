using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Commands;

public sealed class StatusCommandTests
{
    [Fact]
    public void ReportsNothingDoneBeforeARunAndWritesNothing()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);

        var result = VolaraProcess.RunIn(temp.Path, "status", "pipeline.yaml");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("mask-threshold   threshold  0/8         -       -                   not started", result.Stdout);
        Assert.Contains("mask2-threshold  threshold  0/?         -       -                   waiting", result.Stdout);
        Assert.Contains("mask2-threshold: layout unknown: ", result.Stdout);
        Assert.False(Directory.Exists(temp.Combine("logs")));
    }

    [Fact]
    public void CountsDoneBlocksAfterARun()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        var run = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads");
        Assert.True(run.ExitCode == 0, run.Stderr);

        var result = VolaraProcess.RunIn(temp.Path, "status", "pipeline.yaml", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var tasks = JsonNode.Parse(result.Stdout)!["tasks"]!.AsArray();
        Assert.Equal(["mask-threshold", "mask2-threshold"], tasks.Select(t => t!["name"]!.GetValue<string>()));
        foreach (var task in tasks)
        {
            Assert.Equal(8, task!["total"]!.GetValue<long>());
            Assert.Equal(8, task["done"]!.GetValue<long>());
            Assert.Equal("done", task["state"]!.GetValue<string>());
            Assert.Equal(0, task["failed"]!.GetValue<long>());

            // A threads run: the workers' process is the run's own, whose peak is at least the runtime's size.
            Assert.InRange(task["peak_worker_memory_bytes"]!.GetValue<long>(), 20L << 20, 64L << 30);
        }
    }

    [Fact]
    public void ListsTheFailedBlocksOfTheLastRun()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        File.WriteAllBytes(temp.Combine("data.zarr", "raw", "0.1.1"), [1, 2, 3]);
        var run = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "serial", "--json");
        Assert.Equal(1, run.ExitCode);
        var runTasks = JsonNode.Parse(run.Stdout)!["tasks"]!.AsArray();
        ulong failedBlock = runTasks[0]!["failed_blocks"]!.AsArray().Single()!.GetValue<ulong>();

        var json = JsonNode.Parse(VolaraProcess.RunIn(temp.Path, "status", "pipeline.yaml", "--json").Stdout)!["tasks"]!.AsArray();
        var text = VolaraProcess.RunIn(temp.Path, "status", "pipeline.yaml").Stdout;

        Assert.Equal(7, json[0]!["done"]!.GetValue<long>());
        Assert.Equal("failed", json[0]!["state"]!.GetValue<string>());
        Assert.Equal(failedBlock, json[0]!["failed_blocks"]!.AsArray().Single()!.GetValue<ulong>());

        // The block downstream of the failed one never ran: orphaned, so the task is not done either.
        Assert.Equal(1, json[1]!["orphaned"]!.GetValue<long>());
        Assert.Equal(7, json[1]!["done"]!.GetValue<long>());
        Assert.Contains($"mask-threshold: failed blocks in the last run: {failedBlock}", text);
    }
}
