using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Commands;

public sealed class DropCommandTests
{
    [Fact]
    public void DropsOneTasksDoneBlocksAndOutputs()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);

        var result = VolaraProcess.RunIn(temp.Path, "drop", "pipeline.yaml", "--task", "b");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("dropped mask2-threshold (done blocks and outputs)\n", result.Stdout);
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "mask2")));
        Assert.False(Directory.Exists(temp.Combine("logs", "mask2-threshold-meta")));
        Assert.True(Directory.Exists(temp.Combine("data.zarr", "mask")));
        var status = StatusOf(temp);
        Assert.Equal(8, status[0]!["done"]!.GetValue<long>());
        Assert.Equal(0, status[1]!["done"]!.GetValue<long>());
        Assert.Equal("not started", status[1]!["state"]!.GetValue<string>());
    }

    [Fact]
    public void KeepsOutputsWhenAskedAndDropsEveryTaskByDefault()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);

        var result = VolaraProcess.RunIn(temp.Path, "drop", "pipeline.yaml", "--keep-outputs", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(["mask-threshold", "mask2-threshold"], json["dropped"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(json["outputs_deleted"]!.GetValue<bool>());
        Assert.True(Directory.Exists(temp.Combine("data.zarr", "mask2")));
        Assert.All(StatusOf(temp), task => Assert.Equal(0, task!["done"]!.GetValue<long>()));
    }

    [Fact]
    public void RefusesAnUnknownTaskNamingTheTasks()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);

        var result = VolaraProcess.RunIn(temp.Path, "drop", "pipeline.yaml", "--task", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("volara: error: pipeline.yaml: no task named 'nope' (the tasks are 'mask-threshold', 'mask2-threshold')\n", result.Stderr);
    }

    [Fact]
    public void AnOutputLeftHalfCreatedByAKilledRunIsDroppedAndRecreatedByARerun()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);
        var expected = File.ReadAllBytes(temp.Combine("data.zarr", "mask2", "0.0.0"));
        // What a run killed while creating the array left: the directory and attributes, no metadata.
        Directory.Delete(temp.Combine("data.zarr", "mask2"), recursive: true);
        Directory.CreateDirectory(temp.Combine("data.zarr", "mask2"));
        File.WriteAllText(temp.Combine("data.zarr", "mask2", ".zattrs"), "{}");
        File.WriteAllText(temp.Combine("data.zarr", "mask2", ".zarray.0123.partial"), "{\"zarr_for");

        var drop = VolaraProcess.RunIn(temp.Path, "drop", "pipeline.yaml", "--task", "b");
        var rerun = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads");

        Assert.True(drop.ExitCode == 0, drop.Stderr);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(expected, File.ReadAllBytes(temp.Combine("data.zarr", "mask2", "0.0.0")));
    }

    [Fact]
    public void ARerunRecreatesAnOutputLeftHalfCreatedWithoutADrop()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Directory.CreateDirectory(temp.Combine("data.zarr", "mask"));
        File.WriteAllText(temp.Combine("data.zarr", "mask", ".zattrs"), "{}");

        var run = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(temp.Combine("data.zarr", "mask", ".zarray")));
    }

    [Fact]
    public void DroppingATaskDropsTheTasksAfterItUnlessOnlyIsGiven()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);

        var only = VolaraProcess.RunIn(temp.Path, "drop", "pipeline.yaml", "--task", "a", "--only", "--keep-outputs");
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);
        var cascade = VolaraProcess.RunIn(temp.Path, "drop", "pipeline.yaml", "--task", "a");

        Assert.True(only.ExitCode == 0, only.Stderr);
        Assert.Equal("dropped mask-threshold (done blocks; outputs kept)\n", only.Stdout);
        Assert.True(cascade.ExitCode == 0, cascade.Stderr);
        Assert.Equal("dropped mask-threshold (done blocks and outputs)\ndropped mask2-threshold (done blocks and outputs)\n", cascade.Stdout);
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "mask2")));
        Assert.All(StatusOf(temp), task => Assert.Equal(0, task!["done"]!.GetValue<long>()));
    }

    private static JsonArray StatusOf(TempDirectory temp) =>
        JsonNode.Parse(VolaraProcess.RunIn(temp.Path, "status", "pipeline.yaml", "--json").Stdout)!["tasks"]!.AsArray();
}
