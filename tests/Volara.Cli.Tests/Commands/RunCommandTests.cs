using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    private static readonly long[] Shape = [8, 32, 32];

    [Fact]
    public void ASecondRunOfOneLogDirectoryIsRefusedNamingTheFirstAndCreatesNothing()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Directory.CreateDirectory(temp.Combine("logs"));
        File.WriteAllText(temp.Combine("logs", "driver.json"), """{"pid": 4242, "host": "node7", "started": "2026-01-02 03:04:05 +00:00"}""");
        // The first run holds the operating system's lock on the directory, as a running driver does.
        using var first = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--no-fork", temp.Combine("logs", "driver.lock"), "sleep", "60"]))!;
        try
        {
            VolaraResult second;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                second = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads");
            }
            while (second.ExitCode == 0 && clock.Elapsed < TimeSpan.FromSeconds(30) && ResetAfterWin(temp));

            Assert.Equal(1, second.ExitCode);
            Assert.Contains("another run is using the log directory 'logs' (process 4242 on node7, started 2026-01-02 03:04:05 +00:00)", second.Stderr);
            Assert.False(Directory.Exists(temp.Combine("data.zarr", "mask")));
        }
        finally
        {
            first.Kill();
            first.WaitForExit();
        }
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void ASignalStopsTheRunWithTheSummaryMarkedInterruptedAndARerunCompletesIt(string signal, int exitCode)
    {
        using var temp = new TempDirectory();
        long[] shape = [64, 128, 128];
        var raw = new byte[64 * 128 * 128];
        new Random(3).NextBytes(raw);
        var array = ZarrArray.Create(temp.Combine("data.zarr", "raw"), new ZarrArrayOptions { Shape = shape, ChunkShape = [16, 64, 64], DataType = DataType.UInt8 });
        array.Write<byte>([0, 0, 0], shape, raw);
        File.WriteAllText(temp.Combine("pipeline.yaml"), """
            log_dir: logs
            tasks:
              mask:
                task_type: threshold
                in_data: {dataset_type: raw, store: data.zarr/raw}
                mask: {dataset_type: labels, store: data.zarr/mask}
                threshold: 100
                block_size: [2, 8, 8]
                execution: {num_workers: 1}

            """);

        using (var run = new VolaraBackground(temp.Path, "run", "pipeline.yaml", "--mode", "threads"))
        {
            // Once blocks are being written (8,192 of them, one chunk each: far from done), stop it.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (CountChunks(temp.Combine("data.zarr", "mask")) < 200 && clock.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.Sleep(20);
            }

            run.Signal(signal);
            var interrupted = run.WaitForExit();

            Assert.True(interrupted.ExitCode == exitCode, interrupted.Stderr);
            Assert.Contains("Interrupted: the run was stopped before its end", interrupted.Stderr);
            Assert.InRange(CountChunks(temp.Combine("data.zarr", "mask")), 200, 8_191);
        }

        var rerun = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads");

        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        var mask = new byte[raw.Length];
        ZarrArray.Open(temp.Combine("data.zarr", "mask")).Read<byte>([0, 0, 0], shape, mask);
        Assert.Equal(raw.Select(v => (byte)(v > 100 ? 1 : 0)), mask);
    }

    private static int CountChunks(string array) =>
        Directory.Exists(array) ? Directory.EnumerateFiles(array).Count(file => char.IsDigit(Path.GetFileName(file)[0])) : 0;

    [Fact]
    public void AChangedParameterOrAMissingOutputUnderDoneBlocksIsRefusedWithTheCommandThatFixesIt()
    {
        using var temp = new TempDirectory();
        string file = SampleVolume.TwoThresholdsYaml(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);
        var mask = File.ReadAllBytes(temp.Combine("data.zarr", "mask", "0.0.0"));

        // How it runs is no change to its results; what it computes is.
        File.WriteAllText(file, File.ReadAllText(file).Replace("execution: {num_workers: 2}", "execution: {num_workers: 1}", StringComparison.Ordinal));
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);
        // A record written before a field existed: the field at its default is no change either.
        string recorded = temp.Combine("logs", "mask-threshold-meta", "config.json");
        var older = JsonNode.Parse(File.ReadAllText(recorded))!.AsObject();
        Assert.True(older.Remove("roi"));
        File.WriteAllText(recorded, older.ToJsonString());
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);

        File.WriteAllText(file, File.ReadAllText(file).Replace("threshold: 100", "threshold: 50", StringComparison.Ordinal));
        var changed = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads");

        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("task 'mask-threshold' has 8 blocks done with another configuration (threshold: 100 → 50)", changed.Stderr);
        Assert.Contains("volara drop pipeline.yaml --task mask-threshold", changed.Stderr);
        Assert.Equal(mask, File.ReadAllBytes(temp.Combine("data.zarr", "mask", "0.0.0")));

        File.WriteAllText(file, File.ReadAllText(file).Replace("threshold: 50", "threshold: 100", StringComparison.Ordinal));
        Directory.Delete(temp.Combine("data.zarr", "mask2"), recursive: true);
        var missing = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("task 'mask2-threshold' has 8 blocks done, but its output mask 'data.zarr/mask2' is gone", missing.Stderr);
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "mask2")));

        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "drop", "pipeline.yaml", "--task", "b").ExitCode);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);
        Assert.True(File.Exists(temp.Combine("data.zarr", "mask2", "0.0.0")));
    }

    [Fact]
    public void EveryOutputSaysWhatProducedItAndARerunLeavesItsAttributesByteIdentical()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);
        var attributes = File.ReadAllBytes(temp.Combine("data.zarr", "mask2", ".zattrs"));

        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "threads").ExitCode);

        Assert.Equal(attributes, File.ReadAllBytes(temp.Combine("data.zarr", "mask2", ".zattrs")));
        var provenance = JsonNode.Parse(attributes)!["volara"]!;
        Assert.Equal("mask2-threshold", provenance["task"]!.GetValue<string>());
        Assert.Equal("threshold", provenance["task_type"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", provenance["config_sha256"]!.GetValue<string>());
        Assert.NotEqual(provenance["config_sha256"]!.GetValue<string>(),
            JsonNode.Parse(File.ReadAllBytes(temp.Combine("data.zarr", "mask", ".zattrs")))!["volara"]!["config_sha256"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(provenance["version"]!.GetValue<string>()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", provenance["created"]!.GetValue<string>());
    }

    [Fact]
    public void RunsFromScratchGiveByteIdenticalAttributesAtAFixedSourceDateEpoch()
    {
        var epoch = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" };
        var attributes = new List<byte[]>();
        for (int run = 0; run < 2; run++)
        {
            using var temp = new TempDirectory();
            SampleVolume.TwoThresholdsYaml(temp.Path);
            Assert.Equal(0, VolaraProcess.RunWithEnvironment(temp.Path, epoch, "run", "pipeline.yaml", "--mode", "threads").ExitCode);
            attributes.Add(File.ReadAllBytes(temp.Combine("data.zarr", "mask", ".zattrs")));
        }

        Assert.Equal(attributes[0], attributes[1]);
        Assert.Equal("2023-11-14T22:13:20Z", JsonNode.Parse(attributes[0])!["volara"]!["created"]!.GetValue<string>());
    }

    /// <summary>The run won the race against the lock holder's start: undo it and try again.</summary>
    private static bool ResetAfterWin(TempDirectory temp)
    {
        Directory.Delete(temp.Combine("data.zarr", "mask"), recursive: true);
        Directory.Delete(temp.Combine("data.zarr", "mask2"), recursive: true);
        File.WriteAllText(temp.Combine("logs", "driver.json"), """{"pid": 4242, "host": "node7", "started": "2026-01-02 03:04:05 +00:00"}""");
        return true;
    }

    [Fact]
    public void RunsAThresholdTaskInWorkerProcessesAndResumes()
    {
        using var temp = new TempDirectory();
        byte[] raw = WriteRaw(temp.Combine("data.zarr", "raw"));
        string config = WriteConfig(temp, ThresholdConfig(temp.Combine("data.zarr", "raw"), temp.Combine("data.zarr", "mask"), 100));

        var first = VolaraProcess.Run("run", config, "--log-dir", temp.Combine("logs"));

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("completed ✔: 8 (skipped 0)", first.Stderr);
        Assert.Contains("all blocks processed successfully", first.Stderr);
        var mask = new byte[raw.Length];
        ZarrArray.Open(temp.Combine("data.zarr", "mask")).Read<byte>([0, 0, 0], Shape, mask);
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.Equal(raw[i] > 100 ? 1 : 0, mask[i]);
        }

        var second = VolaraProcess.Run("run", config, "--log-dir", temp.Combine("logs"));

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("completed ✔: 8 (skipped 8)", second.Stderr);
    }

    [Fact]
    public void RunsAListOfTasksAsASequentialPipeline()
    {
        using var temp = new TempDirectory();
        byte[] raw = WriteRaw(temp.Combine("data.zarr", "raw"));
        string config = WriteConfig(temp, new JsonArray(
            ThresholdConfig(temp.Combine("data.zarr", "raw"), temp.Combine("data.zarr", "mask"), 50),
            ThresholdConfig(temp.Combine("data.zarr", "mask"), temp.Combine("data.zarr", "mask2"), 0)));

        var result = VolaraProcess.Run("run", config, "--mode", "threads", "--log-dir", temp.Combine("logs"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Task mask-threshold:", result.Stderr);
        Assert.Contains("Task mask2-threshold:", result.Stderr);
        var mask2 = new byte[raw.Length];
        ZarrArray.Open(temp.Combine("data.zarr", "mask2")).Read<byte>([0, 0, 0], Shape, mask2);
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.Equal(raw[i] > 50 ? 1 : 0, mask2[i]);
        }
    }

    [Fact]
    public void ExitsWithOneAndListsTheFailedBlockWhenAChunkIsCorrupt()
    {
        using var temp = new TempDirectory();
        WriteRaw(temp.Combine("data.zarr", "raw"));
        File.WriteAllBytes(temp.Combine("data.zarr", "raw", "0.1.1"), [1, 2, 3]);
        string config = WriteConfig(temp, ThresholdConfig(temp.Combine("data.zarr", "raw"), temp.Combine("data.zarr", "mask"), 100));

        var result = VolaraProcess.Run("run", config, "--mode", "serial", "--log-dir", temp.Combine("logs"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed    ✗: 1", result.Stderr);
        Assert.Contains("Failed Blocks:", result.Stderr);
        Assert.Contains("0.1.1", result.Stderr);
    }

    [Fact]
    public void RejectsAnUnknownTaskTypeNamingTheKnownOnes()
    {
        using var temp = new TempDirectory();
        string config = WriteConfig(temp, new JsonObject { ["task_type"] = "no-such-task" });

        var result = VolaraProcess.Run("run", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown task_type 'no-such-task'", result.Stderr);
        Assert.Contains("threshold", result.Stderr);
    }

    [Fact]
    public void RejectsAMalformedConfigurationWithItsLine()
    {
        using var temp = new TempDirectory();
        string config = temp.Combine("broken.json");
        File.WriteAllText(config, "{\n  \"task_type\": \"threshold\",\n  oops\n}");

        var result = VolaraProcess.Run("run", config);

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("broken.json:3:3: not valid JSON: 'o' is an invalid start of a property name. Expected a '\"'\n", result.Stderr);
    }

    private static byte[] WriteRaw(string path)
    {
        var data = new byte[Shape[0] * Shape[1] * Shape[2]];
        var random = new Random(7);
        random.NextBytes(data);
        var array = ZarrArray.Create(path, new ZarrArrayOptions
        {
            Shape = Shape,
            ChunkShape = [4, 16, 16],
            DataType = DataType.UInt8,
            Attributes = new JsonObject { ["voxel_size"] = new JsonArray(4, 2, 2), ["offset"] = new JsonArray(0, 0, 0) },
        });
        array.Write<byte>([0, 0, 0], Shape, data);
        return data;
    }

    private static JsonObject ThresholdConfig(string input, string output, double threshold) => new()
    {
        ["task_type"] = "threshold",
        ["in_data"] = new JsonObject { ["dataset_type"] = "raw", ["store"] = input },
        ["mask"] = new JsonObject { ["dataset_type"] = "labels", ["store"] = output },
        ["threshold"] = threshold,
        ["block_size"] = new JsonArray(4, 16, 16),
        ["execution"] = new JsonObject { ["num_workers"] = 2 },
    };

    private static string WriteConfig(TempDirectory temp, JsonNode config)
    {
        string path = temp.Combine("pipeline.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
