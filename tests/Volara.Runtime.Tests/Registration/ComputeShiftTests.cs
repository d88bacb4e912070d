using Volara.Runtime.Dsl.Description;
using System.Globalization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Registration;

public sealed class ComputeShiftTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private RunOptions Options(ExecutionMode mode = ExecutionMode.Serial) => new()
    {
        Mode = mode,
        LogDirectory = temp.Combine("logs"),
        Progress = new StringWriter(),
        RedrawProgress = false,
    };

    [Theory]
    [InlineData(ExecutionMode.Serial)]
    [InlineData(ExecutionMode.Threads)]
    public void EveryBlockRecoversItsChannelsShiftsInWorldUnits(ExecutionMode mode)
    {
        int[] shape = [24, 32, 32];
        var voxelSize = new Coordinate(4, 2, 2);
        double[][] moves = [[0, 0, 0], [1.3333, -2, 0.6667], [0, 1, -1.6667]];
        var data = ShiftedBlobs.Create(shape, moves, sigma: 0.8, seed: 21);
        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), data, 3, shape, voxelSize, new Coordinate(40, 0, 20));
        var task = new ComputeShift
        {
            Intensities = intensities,
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            BlockSize = new Coordinate(12, 16, 16),
            Context = new Coordinate(2, 4, 4),
            Execution = new ExecutionOptions { NumWorkers = 2 },
        };
        Assert.Equal("shifts-compute_shift", task.Name);
        Assert.True(Runner.Run(task, Options(mode)).Succeeded);

        var shifts = VolumeArray.Open(temp.Combine("data.zarr", "shifts"));
        Assert.Equal([3L, 3, 2, 2, 2], shifts.Shape);
        Assert.Equal(new Coordinate(48, 32, 32), shifts.VoxelSize);
        Assert.Equal(new Coordinate(40, 0, 20), shifts.Offset);
        Assert.Equal(DataType.Float32, shifts.DataType);
        Assert.Equal(["c^", "axis", "z", "y", "x"], shifts.AxisNames);
        var values = RegistrationArrays.ReadAll<float>(temp.Combine("data.zarr", "shifts"));
        for (int c = 0; c < 3; c++)
        {
            for (int d = 0; d < 3; d++)
            {
                for (int b = 0; b < 8; b++)
                {
                    double estimate = values[(((c * 3) + d) * 8) + b];
                    double expected = -moves[c][d] * voxelSize.ValueAt(d);
                    Assert.True(
                        Math.Abs(estimate - expected) <= (voxelSize.ValueAt(d) / 3.0) + 1e-3,
                        string.Create(CultureInfo.InvariantCulture, $"channel {c} axis {d} block {b}: {estimate}, expected {expected}"));
                }
            }
        }
    }

    [Fact]
    public void TwoDimensionalDataRegistersOntoAGivenTarget()
    {
        int[] shape = [40, 48];
        double[][] moves = [[2, -1], [-0.6667, 1.3333]];
        var data = ShiftedBlobs.Create(shape, [[0, 0], .. moves], sigma: 0.8, seed: 4);
        int voxels = shape[0] * shape[1];
        var target = VolumeArray.Prepare(temp.Combine("data.zarr", "target"), new PrepareOptions { Shape = [40, 48], AxisNames = ["y", "x"], DataType = DataType.Float32 });
        target.Write<float>(target.Roi, data.AsSpan(0, voxels).ToArray());
        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), data[voxels..], 2, shape, new Coordinate(1, 1));
        var task = new ComputeShift
        {
            Intensities = intensities,
            Target = new Raw { Store = temp.Combine("data.zarr", "target") },
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            BlockSize = new Coordinate(40, 24),
        };
        Assert.True(Runner.Run(task, Options()).Succeeded);
        var values = RegistrationArrays.ReadAll<float>(temp.Combine("data.zarr", "shifts"));
        Assert.Equal(2 * 2 * 2, values.Length);
        for (int c = 0; c < 2; c++)
        {
            for (int d = 0; d < 2; d++)
            {
                for (int b = 0; b < 2; b++)
                {
                    Assert.True(Math.Abs(values[(((c * 2) + d) * 2) + b] + moves[c][d]) <= (1.0 / 3) + 1e-3, $"channel {c} axis {d} block {b}: {values[(((c * 2) + d) * 2) + b]}");
                }
            }
        }
    }

    [Fact]
    public void AnEmptyMaskGivesZeroShiftsAndAPartialMaskStillRegisters()
    {
        int[] shape = [16, 20, 20];
        var data = ShiftedBlobs.Create(shape, [[0, 0, 0], [2, -1, 1]], sigma: 0.8, seed: 9);
        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), data, 2, shape, new Coordinate(1, 1, 1));
        var mask = VolumeArray.Prepare(temp.Combine("data.zarr", "mask"), new PrepareOptions { Shape = [16, 20, 20], AxisNames = ["z", "y", "x"], DataType = DataType.UInt8 });
        var maskValues = new byte[16 * 20 * 20];
        // Left half (x < 10) masked out: blocks there get zero shifts; the right half registers with the masked variant.
        for (int i = 0; i < maskValues.Length; i++)
        {
            maskValues[i] = i % 20 >= 10 ? (byte)1 : (byte)0;
        }

        mask.Write<byte>(mask.Roi, maskValues);
        var task = new ComputeShift
        {
            Intensities = intensities,
            Mask = new Labels { Store = temp.Combine("data.zarr", "mask") },
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            OverlapRatio = 0.3,
            BlockSize = new Coordinate(16, 20, 10),
        };
        Assert.True(Runner.Run(task, Options()).Succeeded);
        var values = RegistrationArrays.ReadAll<float>(temp.Combine("data.zarr", "shifts"));
        // (C=2, ndim=3, 1, 1, 2 blocks): block 0 is the empty half.
        Assert.Equal(12, values.Length);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(0f, values[i * 2]));
        Assert.Equal([0f, 0f, 0f], [values[1], values[3], values[5]]);
        Assert.Equal([-2f, 1f, -1f], [values[7], values[9], values[11]]);
    }

    [Fact]
    public void BadConfigurationsNameTheField()
    {
        var spatialOnly = VolumeArray.Prepare(temp.Combine("data.zarr", "plain"), new PrepareOptions { Shape = [8, 8], AxisNames = ["y", "x"] });
        spatialOnly.Write<float>(spatialOnly.Roi, new float[64]);
        var error = Assert.ThrowsAny<ArgumentException>(() => new ComputeShift
        {
            Intensities = new Raw { Store = temp.Combine("data.zarr", "plain") },
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            BlockSize = new Coordinate(4, 4),
        }.Init());
        Assert.Contains("intensities", error.Message, StringComparison.Ordinal);

        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), new float[2 * 64], 2, [8, 8], new Coordinate(1, 1));
        error = Assert.ThrowsAny<ArgumentException>(() => new ComputeShift
        {
            Intensities = intensities,
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            OverlapRatio = 1.5,
            BlockSize = new Coordinate(4, 4),
        }.Init());
        Assert.Contains("overlap_ratio", error.Message, StringComparison.Ordinal);

        error = Assert.ThrowsAny<ArgumentException>(() => new ComputeShift
        {
            Intensities = intensities,
            Target = new Raw { Store = temp.Combine("data.zarr", "raw") },
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            BlockSize = new Coordinate(4, 4),
        }.Init());
        Assert.Contains("target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationRoundTripsWithVolarasFieldNames()
    {
        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), new float[2 * 64], 2, [8, 8], new Coordinate(1, 1));
        var task = new ComputeShift
        {
            Intensities = intensities,
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            OverlapRatio = 0.4,
            BlockSize = new Coordinate(4, 4),
            Context = new Coordinate(1, 1),
        };
        var config = task.ToConfig()!;
        Assert.Equal("compute_shift", config["task_type"]!.GetValue<string>());
        foreach (var field in new[] { "intensities", "shifts", "overlap_ratio", "block_size", "context" })
        {
            Assert.True(config.ContainsKey(field), field);
        }

        var copy = DescribedTasks.FromConfig<ComputeShift>(config);
        Assert.Equal(config.ToJsonString(), copy.ToConfig()!.ToJsonString());
        Assert.Equal(task.Name, copy.Name);
    }
}
