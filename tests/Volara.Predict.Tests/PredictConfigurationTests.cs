using Volara.Runtime.Dsl.Description;
using System.Text.Json.Nodes;
using Volara.Predict.TestWorker;
using Volara.Predict.Tests.Support;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using static Volara.Predict.Tests.Support.PredictFixture;

namespace Volara.Predict.Tests;

/// <summary>Configuration: volara's JSON, and errors that name the field.</summary>
public sealed class PredictConfigurationTests
{
    private static (TempDirectory Directory, Predict Task) Setup()
    {
        var directory = new TempDirectory();
        var (raw, _) = RandomRaw(directory, [8, 8, 8], seed: 1);
        var modelPath = SaveModule<TwoConvs>(directory, seed: 2, "two-convs.dat");
        var task = new Predict
        {
            Checkpoint = Describe<TwoConvs>(modelPath, context: 2, output: 4),
            InData = raw,
            OutData = [new Raw { Store = directory.Combine("data.zarr", "prediction") }],
        };
        return (directory, task);
    }

    [Fact]
    public void ConfigurationRoundTripsWithVolarasFieldNames()
    {
        var (directory, task) = Setup();
        using var _ = directory;
        var config = task.ToConfig()!;
        Assert.Equal("predict", (string?)config["task_type"]);
        var checkpoint = config["checkpoint"]!.AsObject();
        foreach (var field in new[] { "save_path", "checkpoint_file", "in_channels", "min_input_shape", "min_output_shape", "min_step_shape", "out_channels", "out_range", "pred_size_growth", "model_type" })
        {
            Assert.True(checkpoint.ContainsKey(field), field);
        }

        Assert.Equal("cpu", (string?)config["device"]);
        var back = DescribedTasks.FromConfig<Predict>(config);
        Assert.Equal(task.Name, back.Name);
        Assert.Equal(task.Layout, back.Layout);
        Assert.Equal(TaskJson.Format(config), TaskJson.Format(back.ToConfig()!));
    }

    [Fact]
    public void NullOutputsSurviveTheConfiguration()
    {
        var (directory, task) = Setup();
        using var _ = directory;
        var config = task.With(checkpoint: task.Checkpoint with { OutChannels = [1, 3] }, outData: [null, task.OutData[0]]).ToConfig()!;
        Assert.Null(config["out_data"]![0]);
        var back = DescribedTasks.FromConfig<Predict>(config);
        Assert.Null(back.OutData[0]);
        Assert.Equal("prediction-predict", back.Name);
    }

    public static TheoryData<string, Func<Predict, Predict>> BadConfigurations() => new()
    {
        { "checkpoint.pred_size_growth", task => task.With(checkpoint: task.Checkpoint with { MinStepShape = new Coordinate(2, 2, 2) }) },
        { "checkpoint.save_path", task => task.With(checkpoint: task.Checkpoint with { SavePath = task.Checkpoint.SavePath + ".missing" }) },
        { "checkpoint.min_input_shape", task => task.With(checkpoint: task.Checkpoint with { MinInputShape = new Coordinate(5, 5) }) },
        { "checkpoint.out_range", task => task.With(checkpoint: task.Checkpoint with { OutRange = [1.0, 1.0] }) },
        { "checkpoint.out_dtype", task => task.With(checkpoint: task.Checkpoint with { OutDtype = "int16" }) },
        { "checkpoint.context_override", task => task.With(checkpoint: task.Checkpoint with { ContextOverride = [new Coordinate(1, 1, 1), new Coordinate(1, 1, 1)] }) },
        { "out_data", task => task.With(outData: [task.OutData[0], null]) },
        { "checkpoint.in_channels", task => task.With(checkpoint: task.Checkpoint with { InChannels = 2 }) },
        { "roi", task => task.With(roi: new Roi(new Coordinate(100, 100, 100), new Coordinate(4, 4, 4))) },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void BadConfigurationNamesTheField(string field, Func<Predict, Predict> spoil)
    {
        var (directory, task) = Setup();
        using var _ = directory;
        var error = Assert.ThrowsAny<ArgumentException>(() => spoil(task).Layout);
        Assert.Contains(field, error.Message);
        Assert.Contains("prediction-predict", error.Message);
    }

    [Theory]
    [InlineData("Volara.Predict.TestWorker.NoSuchModel, Volara.Predict.TestWorker", "checkpoint.module_type")]
    [InlineData("tpu", "device")]
    [InlineData("cuda:x", "device")]
    public void BadModelOrDeviceFailsTheWorkerNamingTheField(string value, string field)
    {
        var (directory, task) = Setup();
        using var _ = directory;
        var spoiled = field == "device" ? task.With(device: value) : task.With(checkpoint: task.Checkpoint with { ModuleType = value });
        spoiled.Init();
        var error = Assert.ThrowsAny<ArgumentException>(() => spoiled.CreateProcessor(worker: 0).Dispose());
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void ModelOutputsOtherThanDescribedFailTheBlock()
    {
        var (directory, task) = Setup();
        using var _ = directory;
        // TwoConvs returns one output of 1 channel; the description claims 2 channels.
        var spoiled = task.With(checkpoint: task.Checkpoint with { OutChannels = [2] });
        spoiled.Init();
        using var processor = spoiled.CreateProcessor(worker: 0);
        var writeRoi = new Roi(new Coordinate(0, 0, 0), spoiled.Layout.BlockSize);
        var block = new Block(spoiled.Name, 0, writeRoi.Grow(spoiled.Layout.ContextLow, spoiled.Layout.ContextHigh), writeRoi);
        var error = Assert.Throws<InvalidOperationException>(() => processor.Process(block));
        Assert.Contains("checkpoint.out_channels", error.Message);
    }

    [Theory]
    [InlineData("cpu", 3, 0, "cpu")]
    [InlineData("cuda", 0, 2, "cuda:0")]
    [InlineData("cuda", 3, 2, "cuda:1")]
    [InlineData("cuda:1", 0, 2, "cuda:1")]
    public void WorkersAreSpreadOverDevices(string device, int worker, int gpus, string expected) =>
        Assert.Equal(expected, TorchDevices.Resolve("t", device, worker, gpus));

    [Fact]
    public void CudaWithoutDevicesIsRefused()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => TorchDevices.Resolve("t", "cuda", 0, 0));
        Assert.Contains("device 'cuda'", error.Message);
        Assert.ThrowsAny<ArgumentException>(() => TorchDevices.Resolve("t", "cuda:2", 0, 2));
    }
}
