using Volara.Runtime.Dsl.Description;
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Engine;

public sealed class TaskTests
{
    private static RunOptions Options(TempDirectory temp, ExecutionMode mode) => new()
    {
        Mode = mode,
        LogDirectory = temp.Combine("logs"),
        Progress = new StringWriter(),
        RedrawProgress = false,
    };

    private static string Linspace2D(TempDirectory temp, string name = "raw")
    {
        var path = temp.Combine("data.zarr", name);
        var array = VolumeArray.Prepare(path, new PrepareOptions { Shape = [20, 10], ChunkShape = [10, 10], DataType = DataType.Float32 });
        var values = Enumerable.Range(0, 200).Select(i => (float)(i / 199.0)).ToArray();
        array.Write(array.Roi, (ReadOnlySpan<float>)values);
        return path;
    }

    [Theory]
    [InlineData(ExecutionMode.Serial)]
    [InlineData(ExecutionMode.Threads)]
    public void ThresholdMatchesReference(ExecutionMode mode)
    {
        using var temp = new TempDirectory();
        var raw = Linspace2D(temp);
        var task = new Threshold { InData = new Raw { Store = raw }, Mask = new Labels { Store = temp.Combine("data.zarr", "mask") }, Value = 0.5, BlockSize = new Coordinate(10, 10) };
        Assert.Equal("mask-threshold", task.Name);
        var result = Runner.Run(task, Options(temp, mode));
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(2, result[task.Name].Total);

        var input = VolumeArray.Open(raw).ReadAll<float>().ToArray();
        var mask = task.Mask.Array();
        Assert.Equal(DataType.UInt8, mask.DataType);
        Assert.Equal(input.Select(v => v > 0.5f ? (byte)1 : (byte)0), mask.ReadAll<byte>().ToArray());
    }

    [Fact]
    public void SerialAndThreadedRunsWriteIdenticalOutputs()
    {
        using var temp = new TempDirectory();
        var raw = temp.Combine("data.zarr", "raw");
        var array = VolumeArray.Prepare(raw, new PrepareOptions { Shape = [37, 29], ChunkShape = [8, 8], DataType = DataType.UInt8 });
        var random = new Random(7);
        var values = new byte[37 * 29];
        random.NextBytes(values);
        array.Write(array.Roi, (ReadOnlySpan<byte>)values);

        byte[] Run(ExecutionMode mode, string name)
        {
            var task = new Threshold
            {
                InData = new Raw { Store = raw }, Mask = new Labels { Store = temp.Combine("data.zarr", name) }, Value = 127.5, BlockSize = new Coordinate(7, 5),
                Execution = new ExecutionOptions { NumWorkers = 3 },
            };
            Assert.True(Runner.Run(task, Options(temp, mode)).Succeeded);
            return [.. task.Mask.Array().ReadAll<byte>().ToArray()];
        }

        var serial = Run(ExecutionMode.Serial, "serial");
        Assert.Equal(values.Select(v => v > 127.5 ? (byte)1 : (byte)0), serial);
        Assert.Equal(serial, Run(ExecutionMode.Threads, "threaded"));
    }

    [Fact]
    public void ThresholdConfigRoundTrips()
    {
        var task = new Threshold { InData = new Raw { Store = "in.zarr/raw" }, Mask = new Labels { Store = "out.zarr/mask" }, Value = 0.25, BlockSize = new Coordinate(10, 10) };
        var config = task.ToConfig()!;
        Assert.Equal("threshold", config["task_type"]!.GetValue<string>());
        Assert.Equal("in.zarr/raw", config["in_data"]!["store"]!.GetValue<string>());
        Assert.Equal("raw", config["in_data"]!["dataset_type"]!.GetValue<string>());
        Assert.Equal("labels", config["mask"]!["dataset_type"]!.GetValue<string>());
        Assert.Null(config["mask"]!["attrs"]);
        Assert.Equal(0.25, config["threshold"]!.GetValue<double>());
        Assert.Equal("[10,10]", config["block_size"]!.ToJsonString());
        Assert.Null(config["name"]);
        Assert.Null(config["layout"]);
        Assert.Equal(1, config["execution"]!["num_workers"]!.GetValue<int>());
        Assert.Null(config["execution"]!["block_timeout"]);

        var parsed = JsonNode.Parse(TaskJson.Format(config))!.AsObject();
        var back = DescribedTasks.FromConfig<Threshold>(parsed);
        var wrongKind = JsonNode.Parse(TaskJson.Format(config))!.AsObject();
        wrongKind["mask"]!["dataset_type"] = "raw";
        Assert.Contains("'labels'", Assert.Throws<System.Text.Json.JsonException>(() => DescribedTasks.FromConfig<Threshold>(wrongKind)).Message);
        var timed = new Threshold { InData = new Raw { Store = "a" }, Mask = new Labels { Store = "b" }, Value = 1, BlockSize = new Coordinate(1), Execution = new ExecutionOptions { BlockTimeout = TimeSpan.FromSeconds(1.5) } };
        Assert.Equal(1.5, timed.ToConfig()!["execution"]!["block_timeout"]!.GetValue<double>());
        Assert.Equal(TimeSpan.FromSeconds(1.5), DescribedTasks.FromConfig<Threshold>(timed.ToConfig()!).Execution.BlockTimeout);
        Assert.Equal((task.InData, task.Mask, task.Value, task.BlockSize, task.Name), (back.InData, back.Mask, back.Value, back.BlockSize, back.Name));
    }

    [Fact]
    public void RunnerWritesConfigAndDropRemovesOutputs()
    {
        using var temp = new TempDirectory();
        var raw = Linspace2D(temp);
        var task = new Threshold { InData = new Raw { Store = raw }, Mask = new Labels { Store = temp.Combine("data.zarr", "mask") }, Value = 0.5, BlockSize = new Coordinate(10, 10) };
        var options = Options(temp, ExecutionMode.Serial);
        Runner.Run(task, options);
        var config = File.ReadAllText(TaskPaths.ConfigFile(options.LogDirectory, task.Name));
        Assert.StartsWith("{", config);
        Assert.Contains("\"task_type\": \"threshold\"", config);

        Runner.Drop(task, options.LogDirectory, dropOutputs: false);
        Assert.True(Directory.Exists(task.Mask.Store));
        Assert.False(Directory.Exists(TaskPaths.MetaDirectory(options.LogDirectory, task.Name)));
        Runner.Drop(task, options.LogDirectory);
        Assert.False(Directory.Exists(task.Mask.Store));
    }

    [Theory]
    [InlineData(ExecutionMode.Serial)]
    [InlineData(ExecutionMode.Threads)]
    public void ThresholdPipelineRunsInitsAndDrops(ExecutionMode mode)
    {
        using var temp = new TempDirectory();
        var raw = new Raw { Store = Linspace2D(temp) };
        var first = new Threshold { InData = raw, Mask = new Labels { Store = temp.Combine("data.zarr", "mask1") }, Value = 0.5, BlockSize = new Coordinate(10, 10) };
        var second = new Threshold { InData = raw, Mask = new Labels { Store = temp.Combine("data.zarr", "mask2") }, Value = 0.3, BlockSize = new Coordinate(10, 10) };
        Assert.Single((first + second).Edges);
        Assert.Empty((first | second).Edges);

        var options = Options(temp, mode);
        var result = Runner.Run(first + second, options);
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal([(2L, 2L), (2L, 2L)], result.Tasks.Select(t => (t.Total, t.Completed)));
        Assert.True(Directory.Exists(first.Mask.Store) && Directory.Exists(second.Mask.Store));

        Runner.Drop(first + second, options.LogDirectory, dropOutputs: false);
        Assert.True(Directory.Exists(first.Mask.Store) && Directory.Exists(second.Mask.Store));
        Assert.False(Directory.Exists(TaskPaths.MetaDirectory(options.LogDirectory, first.Name)));
        Assert.False(Directory.Exists(TaskPaths.MetaDirectory(options.LogDirectory, second.Name)));
        Runner.Drop(first + second, options.LogDirectory);
        Assert.False(Directory.Exists(first.Mask.Store) || Directory.Exists(second.Mask.Store));
    }

    private static string Probabilities(TempDirectory temp, int channels, int y, int x, Func<int, float> value)
    {
        var path = temp.Combine("data.zarr", "probs");
        var array = VolumeArray.Prepare(path, new PrepareOptions
        {
            Shape = [channels, y, x], ChunkShape = [channels, 10, 10], DataType = DataType.Float32,
            Types = ["channel", "space", "space"], AxisNames = ["c^", "y", "x"],
        });
        array.Write(array.Roi, (ReadOnlySpan<float>)Enumerable.Range(0, channels * y * x).Select(value).ToArray());
        return path;
    }

    [Fact]
    public void ArgMaxPicksTheLargestChannel()
    {
        using var temp = new TempDirectory();
        var probs = Probabilities(temp, 2, 10, 10, i => i + 1);
        var task = new ArgMax { ProbsData = new Raw { Store = probs }, SemData = new Labels { Store = temp.Combine("data.zarr", "sem") }, BlockSize = new Coordinate(10, 10) };
        Assert.Equal("sem-argmax", task.Name);
        Assert.True(Runner.Run(task, Options(temp, ExecutionMode.Serial)).Succeeded);
        var sem = task.SemData.Array();
        Assert.Equal(2, sem.Dims);
        Assert.All(sem.ReadAll<byte>().ToArray(), v => Assert.Equal(1, v));
    }

    [Fact]
    public void ArgMaxCombinesClassesAndMatchesReference()
    {
        using var temp = new TempDirectory();
        var random = new Random(3);
        var data = Enumerable.Range(0, 3 * 20 * 10).Select(_ => (float)random.Next(0, 4) / 4).ToArray();
        var probs = Probabilities(temp, 3, 20, 10, i => data[i]);
        int[][] groups = [[0, 1], [2]];
        var task = new ArgMax
        {
            ProbsData = new Raw { Store = probs }, SemData = new Labels { Store = temp.Combine("data.zarr", "sem") }, BlockSize = new Coordinate(10, 10), CombineClasses = groups,
            Execution = new ExecutionOptions { NumWorkers = 2 },
        };
        Assert.True(Runner.Run(task, Options(temp, ExecutionMode.Threads)).Succeeded);

        var expected = new byte[200];
        for (int v = 0; v < 200; v++)
        {
            float first = data[v] + data[200 + v];
            float second = data[400 + v];
            expected[v] = second > first ? (byte)1 : (byte)0;
        }

        Assert.Equal(expected, task.SemData.Array().ReadAll<byte>().ToArray());
        var config = task.ToConfig()!;
        Assert.Equal("[[0,1],[2]]", config["combine_classes"]!.ToJsonString());
        Assert.Equal("argmax", config["task_type"]!.GetValue<string>());
    }

    [Fact]
    public void LambdaTaskAppliesItsFunctionPerBlock()
    {
        using var temp = new TempDirectory();
        var raw = Linspace2D(temp);
        var task = new LambdaTask<float, byte>(new Raw { Store = raw }, new Raw { Store = temp.Combine("data.zarr", "out") }, (input, output, _) =>
        {
            for (int i = 0; i < input.Length; i++)
            {
                output[i] = input[i] > 0.5f ? (byte)1 : (byte)0;
            }
        })
        { BlockSize = new Coordinate(5, 5) };
        Assert.Equal("out-lambda", task.Name);
        Assert.Null(task.ToConfig());
        var result = Runner.Run(task, Options(temp, ExecutionMode.Threads));
        Assert.Equal(8, result[task.Name].Total);
        var input = VolumeArray.Open(raw).ReadAll<float>().ToArray();
        Assert.Equal(input.Select(v => v > 0.5f ? (byte)1 : (byte)0), task.OutData.Array().ReadAll<byte>().ToArray());
    }

    [Fact]
    public void LambdaFailureIsCountedAndRunStillReturns()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("data.zarr", "raw");
        var array = VolumeArray.Prepare(path, new PrepareOptions { Shape = [20, 10], ChunkShape = [10, 10], DataType = DataType.Float32 });
        array.Write(array.Roi, (ReadOnlySpan<float>)Enumerable.Range(0, 200).Select(i => i < 100 ? 0.1f : 2f).ToArray());
        var task = new LambdaTask<float, byte>(new Raw { Store = path }, new Raw { Store = temp.Combine("data.zarr", "out") }, (input, output, _) =>
        {
            foreach (var v in input)
            {
                if (v > 1.5f)
                {
                    throw new InvalidOperationException("value too large");
                }
            }
        })
        { BlockSize = new Coordinate(10, 10) };
        var result = Runner.Run(task, Options(temp, ExecutionMode.Serial));
        Assert.False(result.Succeeded);
        Assert.Equal((2L, 1L, 1L), (result[task.Name].Total, result[task.Name].Completed, result[task.Name].Failed));
    }
}
