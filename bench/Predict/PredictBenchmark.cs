using TorchSharp;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using static TorchSharp.torch;

namespace Volara.Bench.Predict;

/// <summary>
/// Predict on CPU over a uint8 volume whose shape is a whole number of blocks, writing 3 uint8 affinity channels, against
/// the bare forward passes of the same model on the same input size, as often as Predict runs it, in the same process.
/// Both are output Mvox/s; the ratio is the share of the forward-pass rate left after reading, padding, conversion and
/// writing. Two models: a small 3-D U-Net (<see cref="TinyUNet"/>, 64³ in → 48³ out) that keeps every core busy, and
/// <see cref="WaitingModel"/>, whose forward pass leaves the processor idle as a model on a GPU does — where reading the
/// next block and writing the previous one while the model runs (Predict's <c>OverlapIo</c>) is what keeps the ratio up.
/// </summary>
public sealed class PredictBenchmark : IBenchmark
{
    private const int Output = 48;
    private const int Context = 8;

    public string Name => "predict cpu";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] blocks = settings.Quick ? [1, 2, 3] : [2, 4, 4];
        long[] shape = [blocks[0] * Output, blocks[1] * Output, blocks[2] * Output];
        string directory = Path.Combine(settings.WorkDirectory, "predict");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);

        var raw = new Raw { Store = Path.Combine(directory, "data.zarr", "raw") };
        var array = raw.Prepare(shape, [64, 64, 64], new Coordinate(0, 0, 0), new Coordinate(1, 1, 1), ["nm", "nm", "nm"], ["z", "y", "x"], ["space", "space", "space"], DataType.UInt8);
        var values = new byte[shape[0] * shape[1] * shape[2]];
        new Random(1).NextBytes(values);
        array.Write(array.Roi, (ReadOnlySpan<byte>)values);

        string volume = $"{shape[0]}x{shape[1]}x{shape[2]}";
        int blockCount = blocks[0] * blocks[1] * blocks[2];
        return
        [
            Measure<TinyUNet>(settings, directory, raw, blockCount, $"{Name} tiny U-Net {volume}"),
            Measure<WaitingModel>(settings, directory, raw, blockCount, $"{Name} model waiting {WaitingModel.ForwardMilliseconds} ms per block (as on a GPU) {volume}"),
        ];
    }

    private static BenchmarkResult Measure<TModel>(BenchSettings settings, string directory, Raw raw, int blockCount, string name)
        where TModel : nn.Module<Tensor, Tensor>, new()
    {
        string logs = Path.Combine(directory, "logs");
        torch.manual_seed(2);
        string modelPath = Path.Combine(directory, typeof(TModel).Name + ".dat");
        using (var seeded = new TModel())
        {
            seeded.save(modelPath);
        }

        var task = new Volara.Predict.Predict
        {
            Checkpoint = new Volara.Predict.TorchModel
            {
                SavePath = modelPath,
                ModuleType = typeof(TModel).AssemblyQualifiedName,
                MinInputShape = Coordinate.Filled(3, 18),
                MinOutputShape = Coordinate.Filled(3, 2),
                MinStepShape = Coordinate.Filled(3, 2),
                PredSizeGrowth = Coordinate.Filled(3, Output - 2),
                OutChannels = [3],
            },
            InData = raw,
            OutData = [new Affs { Store = Path.Combine(directory, "data.zarr", "affs"), Neighborhood = [new Coordinate(1, 0, 0), new Coordinate(0, 1, 0), new Coordinate(0, 0, 1)] }],
        };
        var run = new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = logs, ShowProgress = false, PrintSummary = false };
        long voxels = raw.Array().Roi.Size!.Value;

        using var model = new TModel();
        model.load(modelPath);
        model.eval();
        using var input = torch.rand([1, 1, Output + 2 * Context, Output + 2 * Context, Output + 2 * Context]);

        // Alternating, best of each: on a shared machine both sides then see the same load.
        double ours = double.PositiveInfinity;
        double forward = double.PositiveInfinity;
        for (int repeat = 0; repeat < settings.Repeats; repeat++)
        {
            // Removing the previous repeat's outputs is setup, not part of the run.
            ours = Math.Min(ours, Timing.BestSeconds(1, () => Runner.Drop(task, logs), () =>
            {
                if (!Runner.Run(task, run).Succeeded)
                {
                    throw new InvalidOperationException($"{name}: the Predict run failed");
                }
            }));
            forward = Math.Min(forward, Timing.BestSeconds(1, () => ForwardPasses(model, input, blockCount)));
        }

        Runner.Drop(task, logs);
        return new BenchmarkResult(name, "Mvox/s", voxels / ours / 1e6, voxels / forward / 1e6, "bare forward pass");
    }

    private static void ForwardPasses(nn.Module<Tensor, Tensor> model, Tensor input, int passes)
    {
        using var noGrad = torch.no_grad();
        for (int i = 0; i < passes; i++)
        {
            using var output = model.call(input);
        }
    }
}
