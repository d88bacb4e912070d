using Volara.Cli.Tests.Support;
using Volara.Runtime.Datasets;
using Volara.Runtime.Storage;
using Volara.Runtime.Synthetic;

namespace Volara.Cli.Tests.Commands;

public sealed class RegistrationRunTests
{
    [Fact]
    public void RunsComputeShiftThenApplyShiftsBeforeTheShiftGridExists()
    {
        // apply_shifts derives its block size from the shift grid compute_shift creates: the file is checked and
        // planned while that grid does not exist yet.
        using var temp = new TempDirectory();
        int[] shape = [16, 32, 32];
        var data = ShiftedBlobs.Create(shape, [[0, 0, 0], [1, -1, 0]], sigma: 0.8, seed: 2);
        var raw = VolumeArray.Prepare(temp.Combine("data.zarr", "raw"), new PrepareOptions
        {
            Shape = [2, 16, 32, 32], ChunkShape = [2, 8, 16, 16], AxisNames = ["c^", "z", "y", "x"], DataType = DataType.Float32,
        });
        raw.Write<float>(raw.Roi, data);
        string config = temp.Combine("pipeline.yaml");
        File.WriteAllText(config, $$"""
            tasks:
              shift:
                task_type: compute_shift
                intensities: {dataset_type: raw, store: {{temp.Combine("data.zarr", "raw")}}}
                shifts: {dataset_type: raw, store: {{temp.Combine("data.zarr", "shifts")}}}
                block_size: [16, 16, 16]
              align:
                task_type: apply_shifts
                intensities: {dataset_type: raw, store: {{temp.Combine("data.zarr", "raw")}}}
                shifts: {dataset_type: raw, store: {{temp.Combine("data.zarr", "shifts")}}}
                aligned: {dataset_type: raw, store: {{temp.Combine("data.zarr", "aligned")}}}
            pipeline: shift + align
            """);

        var result = VolaraProcess.Run("run", config, "--mode", "threads", "--log-dir", temp.Combine("logs"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Task shifts-compute_shift:", result.Stderr);
        Assert.Contains("Task aligned-apply_shifts:", result.Stderr);
        var shifts = VolumeArray.Open(temp.Combine("data.zarr", "shifts"));
        Assert.Equal([2L, 3, 1, 2, 2], shifts.Shape);
        var values = new float[shifts.ElementCount(shifts.Roi)];
        shifts.Read<float>(shifts.Roi, values);
        // Channel 1, per axis, for its four blocks: the shift that undoes (1, −1, 0).
        float[] expected = [-1, 1, 0];
        for (int d = 0; d < 3; d++)
        {
            for (int b = 0; b < 4; b++)
            {
                Assert.True(Math.Abs(values[12 + (d * 4) + b] - expected[d]) <= 1.0 / 3 + 1e-3, $"axis {d} block {b}: {values[12 + (d * 4) + b]}");
            }
        }

        var aligned = VolumeArray.Open(temp.Combine("data.zarr", "aligned"));
        Assert.Equal(DataType.UInt8, aligned.DataType);
        Assert.Equal([2L, 16, 32, 32], aligned.Shape);
    }
}
