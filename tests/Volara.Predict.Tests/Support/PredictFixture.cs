using TorchSharp;
using Volara.Predict.TestWorker;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tests.Support;
using static TorchSharp.torch;

namespace Volara.Predict.Tests.Support;

/// <summary>Scratch volumes, tiny saved models and whole-volume reference predictions for the Predict tests.</summary>
internal static class PredictFixture
{
    public static readonly string[] SpatialNames = ["z", "y", "x"];
    public static readonly string[] SpatialTypes = ["space", "space", "space"];

    /// <summary>A float32 raw volume of random values in [0, 1), seeded.</summary>
    public static (Raw Raw, float[] Values) RandomRaw(TempDirectory directory, long[] shape, int seed, Coordinate? voxelSize = null, Coordinate? offset = null)
    {
        var random = new Random(seed);
        var values = new float[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSingle();
        }

        var raw = new Raw { Store = directory.Combine("data.zarr", "raw") };
        var voxel = voxelSize ?? new Coordinate(1, 1, 1);
        var array = raw.Prepare(shape, [7, 9, 11], offset ?? new Coordinate(0, 0, 0), voxel, ["nm", "nm", "nm"], SpatialNames, SpatialTypes, DataType.Float32);
        array.Write(array.Roi, (ReadOnlySpan<float>)values);
        return (raw, values);
    }

    /// <summary>Saves a freshly seeded module of type <typeparamref name="T"/> (TorchSharp format) and returns its path.</summary>
    public static string SaveModule<T>(TempDirectory directory, int seed, string name)
        where T : nn.Module, new()
    {
        torch.manual_seed(seed);
        using var module = new T();
        var path = directory.Combine(name);
        module.save(path);
        return path;
    }

    /// <summary>A loaded copy of a saved module, in evaluation mode.</summary>
    public static T LoadModule<T>(string path)
        where T : nn.Module, new()
    {
        var module = new T();
        module.load(path);
        module.eval();
        return module;
    }

    /// <summary>The model description of a TorchSharp module with the given context, evaluated at <paramref name="output"/>.</summary>
    public static TorchModel Describe<T>(string savePath, int context, int output, IReadOnlyList<int?>? outChannels = null, string outDtype = "float32", IReadOnlyList<double>? outRange = null) =>
        new()
        {
            SavePath = savePath,
            ModuleType = typeof(T).AssemblyQualifiedName,
            InChannels = 1,
            MinInputShape = Coordinate.Filled(3, 2 * context + 1),
            MinOutputShape = Coordinate.Filled(3, 1),
            MinStepShape = Coordinate.Filled(3, 1),
            PredSizeGrowth = Coordinate.Filled(3, output - 1),
            OutChannels = outChannels ?? [1],
            OutRange = outRange ?? [0.0, 1.0],
            OutDtype = outDtype,
        };

    /// <summary>The module applied to the whole volume at once, zero-padded by <paramref name="context"/>: every output, channel-first, flat.</summary>
    public static float[][] WholeVolume(Func<Tensor, Tensor[]> forward, float[] values, long[] shape, int context)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var volume = torch.tensor(values, [1, 1, shape[0], shape[1], shape[2]]);
        var padded = nn.functional.pad(volume, [context, context, context, context, context, context]);
        var outputs = forward(padded);
        var flat = new float[outputs.Length][];
        for (int i = 0; i < outputs.Length; i++)
        {
            flat[i] = outputs[i].contiguous().data<float>().ToArray();
        }

        return flat;
    }

    public static float[] ReadFloats(Dataset dataset)
    {
        var array = dataset.Array();
        var values = new float[array.ElementCount(array.Roi)];
        array.Read(array.Roi, values.AsSpan());
        return values;
    }

    public static byte[] ReadBytes(Dataset dataset)
    {
        var array = dataset.Array();
        var values = new byte[array.ElementCount(array.Roi)];
        array.Read(array.Roi, values.AsSpan());
        return values;
    }

    public static RunOptions Options(TempDirectory directory, ExecutionMode mode = ExecutionMode.Serial) =>
        new() { Mode = mode, LogDirectory = directory.Combine("logs"), ShowProgress = false, PrintSummary = false };

    public static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > tolerance)
            {
                Assert.Fail($"value {i}: expected {expected[i]}, got {actual[i]}");
            }
        }
    }

    /// <summary>A copy of <paramref name="task"/> with some fields replaced.</summary>
    public static Predict With(this Predict task, TorchModel? checkpoint = null, IReadOnlyList<Dataset?>? outData = null, Roi? roi = null, string? device = null) =>
        new()
        {
            Checkpoint = checkpoint ?? task.Checkpoint,
            InData = task.InData,
            OutData = outData ?? task.OutData,
            Roi = roi ?? task.Roi,
            Device = device ?? task.Device,
            Execution = task.Execution,
        };

    public static string TwoConvsType => typeof(TwoConvs).AssemblyQualifiedName!;
}
