using Volara.Cli.Tests.Support;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Tests.Pipelines;

/// <summary>A task class from a user's assembly, named in a pipeline file and loaded with <c>--plugin</c>.</summary>
public sealed class PluginTests
{
    private static readonly long[] Shape = [3, 4, 8, 8];

    [Fact]
    public void RunsAPluginTaskInWorkerProcesses()
    {
        using var temp = new TempDirectory();
        float[] scores = WriteScores(temp.Combine("data.zarr", "scores"), DataType.Float32);
        WritePipeline(temp, "[[0, 0, 1], [0, 1, 0], [1, 0, 0]]", "[0.5, -1, 2]");

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--plugin", VolaraProcess.TestPlugin, "--mode", "processes");

        Assert.True(result.ExitCode == 0, result.Stderr);
        int voxels = (int)(Shape[1] * Shape[2] * Shape[3]);
        var sum = new float[voxels];
        ZarrArray.Open(temp.Combine("data.zarr", "sum")).Read<float>([0, 0, 0], Shape[1..], sum);
        for (int v = 0; v < voxels; v++)
        {
            float expected = (0.5f * scores[v]) + (-1f * scores[voxels + v]) + (2f * scores[(2 * voxels) + v]);
            Assert.Equal(expected, sum[v], 1e-5f);
        }
    }

    [Fact]
    public void PlanCountsTheBlockBuffersOfATaskThatOverlapsItsIoThreeTimes()
    {
        using var temp = new TempDirectory();
        WriteScores(temp.Combine("data.zarr", "scores"), DataType.Float32);
        WritePipeline(temp, "[[0, 0, 1], [0, 1, 0], [1, 0, 0]]", "[0.5, -1, 2]");

        var result = VolaraProcess.RunIn(temp.Path, "plan", "pipeline.yaml", "--plugin", VolaraProcess.TestPlugin, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var task = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!["tasks"]![0]!;
        // A block of 2×4×4 voxels reads 3 float32 channels (384 B) and writes one (128 B); three blocks are in flight.
        Assert.Equal(Volara.Runtime.Engine.WorkerProcessMemory.BaselineBytes + (3 * (384 + 128)), task["memory_per_worker_bytes"]!.GetValue<long>());
    }

    [Fact]
    public void WithoutThePluginTheTaskTypeIsUnknown()
    {
        using var temp = new TempDirectory();
        WriteScores(temp.Combine("data.zarr", "scores"), DataType.Float32);
        WritePipeline(temp, "[[0, 0, 1], [0, 1, 0], [1, 0, 0]]", "[0.5, -1, 2]");

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("volara: error: pipeline.yaml:3:5: /tasks/sum/task_type: unknown task_type 'test-weighted-channel-sum'; known task types: aff-agglom, apply_shifts, argmax, compute_shift, distance-agglom, evaluate, extract-frags, graph-mws, predict, relabel, seeded-extract-frags, threshold\n", result.Stderr);
    }

    [Fact]
    public void ChecksElementKindsAndPerOffsetListsOfPluginTasks()
    {
        using var temp = new TempDirectory();
        WriteScores(temp.Combine("data.zarr", "scores"), DataType.UInt8);
        WritePipeline(temp, "[[0, 0, 1], [0, 1, 0], [1, 0, 0]]", "[0.5, -1]");

        var result = VolaraProcess.RunIn(temp.Path, "plan", "pipeline.yaml", "--plugin", VolaraProcess.TestPlugin);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            """
            volara: error: pipeline.yaml:4:5: /tasks/sum/scores: task 'sum': 'data.zarr/scores' holds uint8, but the task needs floating point data
            volara: error: pipeline.yaml:8:5: /tasks/sum/weights: task 'sum': weights has 2 values, but it needs one per offset of neighborhood, which has 3

            """,
            result.Stderr);
    }

    [Fact]
    public void RefusesAMissingPluginAssembly()
    {
        using var temp = new TempDirectory();
        WritePipeline(temp, "[[0, 0, 1]]", "[1]");

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--plugin", "missing.dll");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("volara: error: --plugin: no such assembly 'missing.dll'\n", result.Stderr);
    }

    private static float[] WriteScores(string path, DataType type)
    {
        var random = new Random(3);
        var values = new float[Shape.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(0, 100) / 10f;
        }

        var array = ZarrArray.Create(path, new ZarrArrayOptions
        {
            Shape = Shape,
            ChunkShape = [3, 2, 4, 4],
            DataType = type,
            Attributes = new System.Text.Json.Nodes.JsonObject
            {
                ["voxel_size"] = new System.Text.Json.Nodes.JsonArray(1, 1, 1),
                ["axis_names"] = new System.Text.Json.Nodes.JsonArray("c^", "z", "y", "x"),
            },
        });
        if (type == DataType.Float32)
        {
            array.Write<float>([0, 0, 0, 0], Shape, values);
        }
        else
        {
            array.Write<byte>([0, 0, 0, 0], Shape, [.. values.Select(v => (byte)v)]);
        }

        return values;
    }

    private static void WritePipeline(TempDirectory temp, string neighborhood, string weights) =>
        File.WriteAllText(temp.Combine("pipeline.yaml"), $"""
            tasks:
              sum:
                task_type: test-weighted-channel-sum
                scores: {"{"}dataset_type: raw, store: data.zarr/scores{"}"}
                sum: {"{"}dataset_type: raw, store: data.zarr/sum{"}"}
                block_size: [2, 4, 4]
                neighborhood: {neighborhood}
                weights: {weights}
                execution: {"{"}num_workers: 2{"}"}

            """);
}
