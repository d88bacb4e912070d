// Channel registration end to end: a synthetic 3-channel volume whose channels are the same scene moved by known
// sub-voxel amounts → ComputeShift (one shift per block and channel) → ApplyShift (dense field, resampling) → the
// residual shift of every channel, measured again on the aligned volume. `dotnet run --project samples/Registration
// [DIRECTORY]` (default registration.zarr).
using System.Globalization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Registration;
using Volara.Runtime.Storage;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Samples.Registration;

string container = args.Length > 0 ? args[0] : "registration.zarr";
int[] shape = [32, 96, 96];
var voxelSize = new Coordinate(8, 4, 4);
double[][] moves = [[0, 0, 0], [1.3333, -2, 0.6667], [-0.6667, 1.3333, 2]];

var data = ShiftedBlobs.Create(shape, moves, sigma: 0.8, seed: 1);
var raw = VolumeArray.Prepare(Path.Combine(container, "raw"), new PrepareOptions
{
    Shape = [moves.Length, .. shape.Select(n => (long)n)],
    ChunkShape = [moves.Length, 16, 48, 48],
    DataType = DataType.Float32,
    VoxelSize = voxelSize,
    AxisNames = ["c^", "z", "y", "x"],
    Units = ["nm", "nm", "nm"],
    Mode = AccessMode.Overwrite,
});
raw.Write<float>(raw.Roi, data);
Console.WriteLine($"wrote {raw.Path}: {moves.Length} channels of {string.Join('x', shape)} voxels ({voxelSize} nm)");

var compute = new ComputeShift
{
    Intensities = new Raw { Store = Path.Combine(container, "raw") },
    Shifts = new Raw { Store = Path.Combine(container, "shifts") },
    BlockSize = new Coordinate(16, 48, 48),
    Context = new Coordinate(2, 8, 8),
    Execution = new ExecutionOptions { NumWorkers = 2 },
};
var apply = new ApplyShift
{
    Intensities = new Raw { Store = Path.Combine(container, "raw") },
    Shifts = new Raw { Store = Path.Combine(container, "shifts") },
    Aligned = new Raw { Store = Path.Combine(container, "aligned") },
    InterpShifts = new Raw { Store = Path.Combine(container, "interp_shifts") },
    Execution = new ExecutionOptions { NumWorkers = 2 },
};

string logs = Path.Combine(container, "..", "registration_logs");
Runner.Drop(compute + apply, logs);
var result = Runner.Run(compute + apply, new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = logs });
if (!result.Succeeded)
{
    Console.Error.WriteLine("registration failed; see the worker logs above");
    return 1;
}

var shifts = VolumeArray.Open(Path.Combine(container, "shifts"));
var estimates = new float[shifts.ElementCount(shifts.Roi)];
shifts.Read<float>(shifts.Roi, estimates);
var aligned = VolumeArray.Open(Path.Combine(container, "aligned"));
var alignedBytes = new byte[aligned.ElementCount(aligned.Roi)];
aligned.Read<byte>(aligned.Roi, alignedBytes);

// Residuals are measured on the inner part of the volume, away from the zero border the resampling leaves.
int[] inner = [24, 80, 80];
var before = Residual.Measure(data, shape, inner, moves.Length);
var after = Residual.Measure(Array.ConvertAll(alignedBytes, value => value / 255f), shape, inner, moves.Length);
int blocks = estimates.Length / (moves.Length * 3);
Console.WriteLine();
Console.WriteLine("channel | true shift (nm, z y x)   | mean estimate (nm)        | residual before (voxels) | residual after (voxels)");
for (int c = 0; c < moves.Length; c++)
{
    var truth = new double[3];
    var mean = new double[3];
    for (int d = 0; d < 3; d++)
    {
        truth[d] = -moves[c][d] * voxelSize.ValueAt(d);
        for (int b = 0; b < blocks; b++)
        {
            mean[d] += estimates[(((c * 3) + d) * blocks) + b] / blocks;
        }
    }

    Console.WriteLine($"{c,7} | {Format(truth),-24} | {Format(mean),-25} | {Format(before[c]),-24} | {Format(after[c])}");
}

Console.WriteLine($"\nshifts: {shifts.Path} ({blocks} blocks), aligned: {aligned.Path}, dense field: {Path.Combine(container, "interp_shifts")}");
return 0;

static string Format(double[] values) => string.Join(" ", values.Select(v => v.ToString("+0.00;-0.00; 0.00", CultureInfo.InvariantCulture)));
