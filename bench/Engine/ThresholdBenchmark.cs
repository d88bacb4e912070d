using System.Text.Json.Nodes;
using Volara.Bench.Peer;
using Volara.Bench.Zarr;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tasks;

namespace Volara.Bench.Engine;

/// <summary>
/// A blockwise Threshold over a uint8 blosc-lz4 Zarr volume (~1 GB; 64 MB with --quick), run by the engine on
/// threads, against dask.array doing <c>from_zarr(...) &gt; t</c> → <c>to_zarr</c> on the same input with the
/// same output chunks and compressor (input chunks 64³, blocks and output chunks 128³). Both outputs must be equal.
/// </summary>
public sealed class ThresholdBenchmark : IBenchmark
{
    private const int Chunk = 64;
    private const int Block = 128;
    private const double ThresholdValue = 127.5;

    private static readonly JsonObject Compressor = new()
    {
        ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0,
    };

    public string Name => "engine threshold";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [256, 512, 512] : [1024, 1024, 1024];
        string directory = Path.Combine(settings.WorkDirectory, "threshold");
        string input = Path.Combine(directory, "data.zarr", "raw");
        string output = Path.Combine(directory, "data.zarr", "mask");
        string peerOutput = Path.Combine(directory, "peer.zarr");
        string logs = Path.Combine(directory, "logs");
        Directory.CreateDirectory(directory);

        long[] shapeLong = [.. shape];
        var data = new byte[(long)shape[0] * shape[1] * shape[2]];
        SyntheticVolume.Intensity(data, shape[0], shape[1], shape[2]);
        VolumeArray.Prepare(input, Options(shapeLong, Chunk)).Write(
            new Roi(new Coordinate(0, 0, 0), new Coordinate(shapeLong)), (ReadOnlySpan<byte>)data);
        data = [];

        var task = new Threshold
        {
            InData = new Raw { Store = input }, Mask = new Labels { Store = output }, Value = ThresholdValue, BlockSize = new Coordinate(Block, Block, Block),
            // Twice the cores: while one thread waits on chunk files another compresses.
            Execution = new ExecutionOptions { NumWorkers = Environment.ProcessorCount * 2 },
        };
        var run = new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = logs, ShowProgress = false, PrintSummary = false };
        double ours = Timing.BestSeconds(settings.Repeats, () =>
        {
            Runner.Drop(task, logs);
            VolumeArray.Prepare(output, Options(shapeLong, Block));
            if (!Runner.Run(task, run).Succeeded)
            {
                throw new InvalidOperationException($"{Name}: the threshold run failed");
            }
        });

        var peer = PythonPeer.Run("dask_threshold_peer.py", new JsonObject
        {
            ["source"] = input,
            ["destination"] = peerOutput,
            ["ours"] = output,
            ["threshold"] = ThresholdValue,
            ["chunks"] = new JsonArray(Block, Block, Block),
            ["compressor"] = Compressor.DeepClone(),
            ["repeats"] = settings.Repeats,
        }, TimeSpan.FromMinutes(30));
        if (peer["equal"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"{Name}: our mask differs from dask's");
        }

        Directory.Delete(directory, recursive: true);
        double gigabytes = (double)shape[0] * shape[1] * shape[2] / 1e9;
        Console.Error.WriteLine($"  {gigabytes:0.00} GB: ours {ours:0.00} s, dask {peer["seconds"]!.GetValue<double>():0.00} s");
        return
        [
            new BenchmarkResult("blockwise threshold, uint8 blosc-lz4", "GB/s", gigabytes / ours,
                gigabytes / peer["seconds"]!.GetValue<double>(), peer["peer_name"]?.GetValue<string>() ?? "dask.array"),
        ];
    }

    private static PrepareOptions Options(long[] shape, int chunk) => new()
    {
        Shape = shape,
        ChunkShape = [chunk, chunk, chunk],
        DataType = DataType.UInt8,
        Mode = AccessMode.Overwrite,
        Codecs = [CodecRegistry.FromV2Config((JsonObject)Compressor.DeepClone())],
    };
}
