using Volara.Runtime.Engine;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Commands;

public sealed class PlanCommandTests
{
    [Fact]
    public void CountsBlocksBytesAndMemoryAndDrawsTheDag()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);

        var result = VolaraProcess.RunIn(temp.Path, "plan", "pipeline.yaml", "--json", "--dot", "plan.dot", "--svg", "plan.svg");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var tasks = JsonNode.Parse(result.Stdout)!["tasks"]!.AsArray();
        foreach (var task in tasks)
        {
            // 8 blocks of 4×16×16 uint8 voxels; each block reads and writes 1024 bytes, both buffers per worker, in a
            // worker process of its baseline size.
            Assert.Equal(8, task!["blocks"]!.GetValue<long>());
            Assert.Equal([4L, 16, 16], task["block_write_voxels"]!.AsArray().Select(v => v!.GetValue<long>()));
            Assert.Equal(8 * 1024, task["read_bytes"]!.GetValue<long>());
            Assert.Equal(8 * 1024, task["write_bytes"]!.GetValue<long>());
            Assert.Equal(WorkerProcessMemory.BaselineBytes + (2 * 1024), task["memory_per_worker_bytes"]!.GetValue<long>());
            Assert.Equal(2, task["workers"]!.GetValue<int>());
        }

        Assert.Equal(["mask-threshold"], tasks[1]!["upstream"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("\"mask-threshold\" -> \"mask2-threshold\";", File.ReadAllText(temp.Combine("plan.dot")));
        var svg = XDocument.Load(temp.Combine("plan.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(["mask-threshold", "mask2-threshold"], svg.Descendants(ns + "g").Select(g => (string?)g.Attribute("data-name")));
        var edge = Assert.Single(svg.Descendants(ns + "line"));
        Assert.Equal("mask-threshold", (string?)edge.Attribute("data-from"));
        Assert.Equal("mask2-threshold", (string?)edge.Attribute("data-to"));
    }

    [Fact]
    public void PrintsATableAndTheDagAsText()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);

        var result = VolaraProcess.RunIn(temp.Path, "plan", "pipeline.yaml");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("mask-threshold   threshold  8       4×16×16         8.0 KiB  8.0 KiB  ≈78.0 MiB      2", result.Stdout);
        Assert.Contains("● mask-threshold — threshold, 8 blocks\n", result.Stdout);
        Assert.Contains("  └▶ mask2-threshold — threshold  (after mask-threshold)\n", result.Stdout);
        Assert.False(Directory.Exists(temp.Combine("logs")));
    }

    [Fact]
    public void PathsInAFileAreTakenFromItsDirectoryAndPathsOnTheCommandLineFromWhereVolaraRuns()
    {
        using var temp = new TempDirectory();
        string project = temp.Combine("project");
        Directory.CreateDirectory(project);
        SampleVolume.TwoThresholdsYaml(project);

        // Run from the parent: the file's data.zarr and log_dir are project/..., --log-dir and --svg are beside us.
        var plan = VolaraProcess.RunIn(temp.Path, "plan", "project/pipeline.yaml", "--svg", "plan.svg");
        var run = VolaraProcess.RunIn(temp.Path, "run", "project/pipeline.yaml", "--mode", "threads", "--log-dir", "run-logs");

        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.True(File.Exists(temp.Combine("plan.svg")));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(Directory.Exists(Path.Combine(project, "data.zarr", "mask2")), "the outputs are beside the file");
        Assert.True(Directory.Exists(temp.Combine("run-logs")), "--log-dir is where volara was run");
        Assert.False(Directory.Exists(temp.Combine("data.zarr")));
    }
}
