using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Volara.Bench.Peer;
using Volara.Bench.Segmentation;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;

namespace Volara.Bench.Registration;

/// <summary>
/// ApplyShift on one core: the whole task (Zarr read of intensities and shift grid, dense field, order-1 resampling,
/// uint8 write) in serial mode over a 3-channel volume with a random shift grid, against scipy's
/// <c>map_coordinates</c> (field and resampling) on the same volume in memory, without any I/O. Processor time
/// (Mvox/s over all channels); the aligned volumes must agree to within one grey level.
/// </summary>
public sealed class ApplyShiftBenchmark : IBenchmark
{
    public string Name => "registration apply_shifts";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [48, 96, 96] : [96, 192, 192];
        int[] block = [16, 32, 32];
        const int channels = 3;
        var data = ShiftedBlobs.Create(shape, [[0, 0, 0], [1, -1, 0.5], [-0.5, 2, 1]], sigma: 0.8, seed: 5);
        int[] gridShape = [.. shape.Select((n, d) => n / block[d])];
        int samples = gridShape[0] * gridShape[1] * gridShape[2];
        var random = new Random(8);
        var grid = new float[channels * 3 * samples];
        for (int i = 0; i < grid.Length; i++)
        {
            grid[i] = (float)((random.NextDouble() * 6) - 3);
        }

        string directory = Path.Combine(settings.WorkDirectory, "apply-shifts");
        Directory.CreateDirectory(directory);
        string container = Path.Combine(directory, "data.zarr");
        var raw = VolumeArray.Prepare(Path.Combine(container, "raw"), new PrepareOptions
        {
            Shape = [channels, .. shape.Select(n => (long)n)], ChunkShape = [channels, .. block], AxisNames = ["c^", "z", "y", "x"],
            DataType = DataType.Float32, Mode = AccessMode.Overwrite,
        });
        raw.Write<float>(raw.Roi, data);
        var shifts = VolumeArray.Prepare(Path.Combine(container, "shifts"), new PrepareOptions
        {
            Shape = [channels, 3, .. gridShape.Select(n => (long)n)], ChunkShape = [channels, 3, 1, 1, 1], AxisNames = ["c^", "axis^", "z", "y", "x"],
            VoxelSize = new Coordinate(block), DataType = DataType.Float32, Mode = AccessMode.Overwrite,
        });
        shifts.Write<float>(shifts.Roi, grid);

        var task = new ApplyShift
        {
            Intensities = new Raw { Store = Path.Combine(container, "raw") },
            Shifts = new Raw { Store = Path.Combine(container, "shifts") },
            Aligned = new Raw { Store = Path.Combine(container, "aligned") },
        };
        var options = new RunOptions { Mode = ExecutionMode.Serial, LogDirectory = Path.Combine(directory, "logs"), ShowProgress = false };
        double ours = CpuTiming.BestSeconds(settings.Repeats, () =>
        {
            Runner.Drop(task, options.LogDirectory, dropOutputs: true);
            if (!Runner.Run(task, options).Succeeded)
            {
                throw new InvalidOperationException($"{Name}: the task failed");
            }
        });

        var aligned = new byte[channels * shape[0] * shape[1] * shape[2]];
        var output = VolumeArray.Open(Path.Combine(container, "aligned"));
        output.Read<byte>(output.Roi, aligned);
        string dataFile = Path.Combine(directory, "data.bin"), gridFile = Path.Combine(directory, "grid.bin"), oursFile = Path.Combine(directory, "ours.bin");
        File.WriteAllBytes(dataFile, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());
        File.WriteAllBytes(gridFile, MemoryMarshal.AsBytes(grid.AsSpan()).ToArray());
        File.WriteAllBytes(oursFile, aligned);
        var peer = PythonPeer.Run("registration_peer.py", new JsonObject
        {
            ["mode"] = "apply",
            ["data"] = dataFile,
            ["grid"] = gridFile,
            ["ours"] = oursFile,
            ["channels"] = channels,
            ["shape"] = new JsonArray([.. shape.Select(n => JsonValue.Create(n))]),
            ["grid_shape"] = new JsonArray([.. gridShape.Select(n => JsonValue.Create(n))]),
            ["spacing"] = new JsonArray([.. block.Select(n => JsonValue.Create(n))]),
            ["repeats"] = settings.Repeats,
        }, TimeSpan.FromMinutes(10));
        Directory.Delete(directory, recursive: true);
        int differ = peer["differ"]!.GetValue<int>();
        if (differ != 0)
        {
            throw new InvalidOperationException($"{Name}: {differ} voxels differ from scipy's by more than one grey level");
        }

        double peerSeconds = peer["seconds"]!.GetValue<double>();
        double mega = aligned.Length / 1e6;
        Console.Error.WriteLine($"  {channels}×{shape[0]}×{shape[1]}×{shape[2]}, blocks {block[0]}×{block[1]}×{block[2]}: ours {ours:0.000} s (whole task with Zarr I/O), scipy {peerSeconds:0.000} s (in memory) (processor time)");
        return [new BenchmarkResult($"apply_shifts, {block[0]}×{block[1]}×{block[2]} blocks, 1 core", "Mvox/s", mega / ours, mega / peerSeconds, peer["peer_name"]!.GetValue<string>())];
    }
}
