using Volara.Predict.TestWorker;
using Volara.Predict.Tests.Support;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using Volara.Workers;
using static Volara.Predict.Tests.Support.PredictFixture;

namespace Volara.Predict.Tests;

/// <summary>Predict against the model applied to the whole volume at once.</summary>
public sealed class PredictBlockwiseTests
{
    // Not a multiple of the 6³ output block on any axis, so overhanging border blocks are cropped.
    private static readonly long[] Shape = [13, 17, 10];

    [Theory]
    [InlineData(ExecutionMode.Serial, 1)]
    [InlineData(ExecutionMode.Threads, 3)]
    public void BlockSeamsAreInvisibleAndBordersZeroPadded(ExecutionMode mode, int workers)
    {
        using var directory = new TempDirectory();
        var (raw, values) = RandomRaw(directory, Shape, seed: 1);
        var modelPath = SaveModule<TwoConvs>(directory, seed: 2, "two-convs.dat");
        var output = new Raw { Store = directory.Combine("data.zarr", "prediction") };
        var task = new Predict
        {
            Checkpoint = Describe<TwoConvs>(modelPath, context: 2, output: 6),
            InData = raw,
            OutData = [output],
            Execution = new ExecutionOptions { NumWorkers = workers },
        };

        Assert.Equal("prediction-predict", task.Name);
        Assert.Equal(new Coordinate(6, 6, 6), task.Layout.BlockSize);
        Assert.Equal(new Coordinate(2, 2, 2), task.Layout.ContextLow);
        Assert.True(Runner.Run(task, Options(directory, mode)).Succeeded);

        using var model = LoadModule<TwoConvs>(modelPath);
        var expected = WholeVolume(input => [model.call(input)], values, Shape, context: 2)[0];
        var array = output.Array();
        Assert.Equal([1, .. Shape], array.Shape);
        Assert.Equal(["prediction^", "z", "y", "x"], array.AxisNames);
        AssertClose(expected, ReadFloats(output), 1e-5f);
    }

    [Fact]
    public void Uint8OutputsAreVolarasToUint8OfThePrediction()
    {
        using var directory = new TempDirectory();
        var (raw, values) = RandomRaw(directory, Shape, seed: 3, voxelSize: new Coordinate(4, 2, 2), offset: new Coordinate(8, 4, 0));
        var modelPath = SaveModule<TwoConvs>(directory, seed: 4, "two-convs.dat");
        var output = new Raw { Store = directory.Combine("data.zarr", "prediction") };
        var description = Describe<TwoConvs>(modelPath, context: 2, output: 6, outDtype: "uint8", outRange: [0.25, 0.75]);
        var task = new Predict { Checkpoint = description, InData = raw, OutData = [output] };
        Assert.True(Runner.Run(task, Options(directory)).Succeeded);

        using var model = LoadModule<TwoConvs>(modelPath);
        var expected = WholeVolume(input => [model.call(input)], values, Shape, context: 2)[0];
        var scaled = new byte[expected.Length];
        description.ToUInt8(expected, scaled);
        var actual = ReadBytes(output);
        var array = output.Array();
        Assert.Equal(new Coordinate(8, 4, 0), array.Offset);
        Assert.Equal(new Coordinate(4, 2, 2), array.VoxelSize);
        int differing = 0;
        for (int i = 0; i < scaled.Length; i++)
        {
            // Blockwise and whole-volume convolutions may round the last float bit differently.
            Assert.InRange(actual[i] - scaled[i], -1, 1);
            differing += actual[i] != scaled[i] ? 1 : 0;
        }

        Assert.True(differing < scaled.Length / 100, $"{differing} of {scaled.Length} voxels differ");
        Assert.True(actual.Distinct().Count() > 50, "the prediction spreads over the uint8 range");
    }

    [Fact]
    public void TwoOutputsGoToTheirDatasetsAndNullDiscards()
    {
        using var directory = new TempDirectory();
        var (raw, values) = RandomRaw(directory, Shape, seed: 5);
        var modelPath = SaveModule<TwoHeads>(directory, seed: 6, "two-heads.dat");
        var probability = new Raw { Store = directory.Combine("data.zarr", "probability") };
        var vectors = new Lsd { Store = directory.Combine("data.zarr", "vectors") };
        var both = new Predict
        {
            Checkpoint = Describe<TwoHeads>(modelPath, context: 1, output: 6, outChannels: [1, 3], outRange: [-1.0, 1.0]),
            InData = raw,
            OutData = [probability, vectors],
        };
        Assert.Equal("probability-vectors-predict", both.Name);
        Assert.True(Runner.Run(both, Options(directory)).Succeeded);

        using var model = LoadModule<TwoHeads>(modelPath);
        var expected = WholeVolume(input => model.call(input), values, Shape, context: 1);
        AssertClose(expected[0], ReadFloats(probability), 1e-5f);
        AssertClose(expected[1], ReadFloats(vectors), 1e-5f);
        Assert.Equal([3, .. Shape], vectors.Array().Shape);

        var onlyVectors = new Lsd { Store = directory.Combine("data.zarr", "only-vectors") };
        var discarding = both.With(outData: [null, onlyVectors]);
        Assert.Equal("only-vectors-predict", discarding.Name);
        Assert.True(Runner.Run(discarding, Options(directory)).Succeeded);
        AssertClose(expected[1], ReadFloats(onlyVectors), 1e-5f);
        // The discarded output is never prepared: raw, the first run's two outputs and this run's one.
        Assert.Equal(4, Directory.GetDirectories(directory.Combine("data.zarr")).Length);
    }

    [Fact]
    public void RoiRestrictsThePrediction()
    {
        using var directory = new TempDirectory();
        var (raw, values) = RandomRaw(directory, Shape, seed: 7);
        var modelPath = SaveModule<TwoConvs>(directory, seed: 8, "two-convs.dat");
        var output = new Raw { Store = directory.Combine("data.zarr", "prediction") };
        var roi = new Roi(new Coordinate(3, 4, 5), new Coordinate(7, 9, 5));
        var task = new Predict { Checkpoint = Describe<TwoConvs>(modelPath, context: 2, output: 4), InData = raw, OutData = [output], Roi = roi };
        Assert.True(Runner.Run(task, Options(directory)).Succeeded);

        using var model = LoadModule<TwoConvs>(modelPath);
        var whole = WholeVolume(input => [model.call(input)], values, Shape, context: 2)[0];
        var expected = new List<float>();
        for (int z = 3; z < 10; z++)
        {
            for (int y = 4; y < 13; y++)
            {
                for (int x = 5; x < 10; x++)
                {
                    expected.Add(whole[(z * Shape[1] + y) * Shape[2] + x]);
                }
            }
        }

        Assert.Equal(roi, output.Array().Roi);
        AssertClose([.. expected], ReadFloats(output), 1e-5f);
    }

    [CudaFact]
    public void CudaWorkersAgreeWithTheCpu()
    {
        using var directory = new TempDirectory();
        var (raw, values) = RandomRaw(directory, Shape, seed: 13);
        var modelPath = SaveModule<TwoConvs>(directory, seed: 14, "two-convs.dat");
        var output = new Raw { Store = directory.Combine("data.zarr", "prediction") };
        var task = new Predict
        {
            Checkpoint = Describe<TwoConvs>(modelPath, context: 2, output: 6),
            InData = raw,
            OutData = [output],
            Device = "cuda",
            Execution = new ExecutionOptions { NumWorkers = 2 },
        };
        Assert.True(Runner.Run(task, Options(directory, ExecutionMode.Threads)).Succeeded);

        using var model = LoadModule<TwoConvs>(modelPath);
        var expected = WholeVolume(input => [model.call(input)], values, Shape, context: 2)[0];
        AssertClose(expected, ReadFloats(output), 1e-4f);
    }

    [Fact]
    public void WorkerProcessesLoadTheModelAndAgree()
    {
        using var directory = new TempDirectory();
        var (raw, values) = RandomRaw(directory, Shape, seed: 9);
        var modelPath = SaveModule<TwoConvs>(directory, seed: 10, "two-convs.dat");
        var output = new Raw { Store = directory.Combine("data.zarr", "prediction") };
        var task = new Predict
        {
            Checkpoint = Describe<TwoConvs>(modelPath, context: 2, output: 6),
            InData = raw,
            OutData = [output],
            Execution = new ExecutionOptions { NumWorkers = 2 },
        };

        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = WorkerCommand.ForProgram(typeof(TwoConvs).Assembly.Location) });
        var result = Runner.Run(task, Options(directory, ExecutionMode.Processes));
        Assert.True(result.Succeeded, result.Summary + string.Join("\n", Directory.GetFiles(directory.Combine("logs"), "worker_*.log", SearchOption.AllDirectories).Select(File.ReadAllText)));

        using var model = LoadModule<TwoConvs>(modelPath);
        var expected = WholeVolume(input => [model.call(input)], values, Shape, context: 2)[0];
        AssertClose(expected, ReadFloats(output), 1e-5f);
    }
}
