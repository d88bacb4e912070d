using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tasks;

namespace Volara.Cli.Tests.Pipelines;

/// <summary>A pipeline built in C# and the same pipeline written as a file give the same outputs.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [InlineData("pipeline.json", "processes")]
    [InlineData("pipeline.yaml", "threads")]
    public void APipelineFileGivesWhatTheCSharpPipelineGives(string fileName, string mode)
    {
        using var temp = new TempDirectory();
        foreach (string side in new[] { "csharp", "file" })
        {
            SampleVolume.WriteRaw(temp.Combine(side, "data.zarr", "raw"));
            WriteProbabilities(temp.Combine(side, "data.zarr", "probs"));
        }

        var (mask, mask2, semantic) = Tasks(temp.Combine("csharp"));
        var result = Runner.Run((mask + mask2) | semantic, new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = temp.Combine("csharp", "logs"), ShowProgress = false, PrintSummary = false });
        Assert.True(result.Succeeded, result.Summary);

        // The file holds the configurations the C# tasks write, with stores relative to where volara runs.
        var (fileMask, fileMask2, fileSemantic) = Tasks(string.Empty);
        var tasks = new JsonObject { ["mask"] = fileMask.ToConfig(), ["mask2"] = fileMask2.ToConfig(), ["semantic"] = fileSemantic.ToConfig() };
        var document = new JsonObject { ["log_dir"] = "logs", ["tasks"] = tasks, ["pipeline"] = "(mask + mask2) | semantic" };
        File.WriteAllText(temp.Combine("file", fileName), fileName.EndsWith(".json", StringComparison.Ordinal) ? document.ToJsonString() : AsYaml(document));

        var run = VolaraProcess.RunIn(temp.Combine("file"), "run", fileName, "--mode", mode);

        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (string output in new[] { "mask", "mask2", "sem" })
        {
            Assert.Equal(ReadAll(temp.Combine("csharp", "data.zarr", output)), ReadAll(temp.Combine("file", "data.zarr", output)));
        }
    }

    private static (Threshold Mask, Threshold Mask2, ArgMax Semantic) Tasks(string root)
    {
        string Store(string name) => root.Length == 0 ? $"data.zarr/{name}" : Path.Combine(root, "data.zarr", name);
        var mask = new Threshold
        {
            InData = new Raw { Store = Store("raw") },
            Mask = new Labels { Store = Store("mask") },
            Value = 100,
            BlockSize = new Coordinate(4, 16, 16),
            Execution = new ExecutionOptions { NumWorkers = 2 },
        };
        var mask2 = new Threshold
        {
            InData = new Raw { Store = Store("mask") },
            Mask = new Labels { Store = Store("mask2") },
            Value = 0,
            BlockSize = new Coordinate(2, 8, 8),
        };
        var semantic = new ArgMax
        {
            ProbsData = new Raw { Store = Store("probs") },
            SemData = new Labels { Store = Store("sem") },
            BlockSize = new Coordinate(4, 16, 16),
        };
        return (mask, mask2, semantic);
    }

    // YAML is a superset of JSON; writing each task as a flow mapping on its own line keeps it YAML in form.
    private static string AsYaml(JsonObject document)
    {
        var yaml = new System.Text.StringBuilder();
        yaml.Append($"log_dir: {document["log_dir"]}\ntasks:\n");
        foreach (var (name, config) in document["tasks"]!.AsObject())
        {
            yaml.Append($"  {name}: {config!.ToJsonString()}\n");
        }

        return yaml.Append($"pipeline: \"{document["pipeline"]}\"\n").ToString();
    }

    private static void WriteProbabilities(string path)
    {
        var random = new Random(11);
        var values = new float[3 * 8 * 32 * 32];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        var array = ZarrArray.Create(path, new ZarrArrayOptions
        {
            Shape = [3, 8, 32, 32],
            ChunkShape = [3, 4, 16, 16],
            DataType = DataType.Float32,
            Attributes = new JsonObject
            {
                ["voxel_size"] = new JsonArray(4, 2, 2),
                ["axis_names"] = new JsonArray("c^", "z", "y", "x"),
            },
        });
        array.Write<float>([0, 0, 0, 0], [3, 8, 32, 32], values);
    }

    private static byte[] ReadAll(string path)
    {
        var array = ZarrArray.Open(path);
        var data = new byte[array.Shape.Aggregate(1L, (a, b) => a * b)];
        array.Read<byte>(new long[array.Shape.Count], [.. array.Shape], data);
        return data;
    }
}
