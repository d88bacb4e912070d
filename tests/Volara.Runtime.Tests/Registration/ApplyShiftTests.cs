using Volara.Runtime.Dsl.Description;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Registration;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Registration;

public sealed class ApplyShiftTests : IDisposable
{
    // The dense field interpolates the grid between block centres, clamped at its edges (mode "nearest" on clipped
    // coordinates); the image is sampled with map_coordinates(order=1, mode="constant") at voxel − shift / voxel size.
    private const string ScipyApplyShift = """
        import json, sys
        import numpy as np
        import zarr
        from scipy.ndimage import map_coordinates
        images = zarr.open(sys.argv[1], mode="r")
        grid = zarr.open(sys.argv[2], mode="r")
        threshold = json.loads(sys.argv[3])
        img = images[:].astype(np.float64)
        g = grid[:].astype(np.float64)
        vs = np.array(images.attrs["voxel_size"], dtype=np.float64)
        off = np.array(images.attrs["offset"], dtype=np.float64)
        spacing = np.array(grid.attrs["voxel_size"], dtype=np.float64)
        goff = np.array(grid.attrs["offset"], dtype=np.float64)
        spatial = img.shape[1:]
        nd = len(spatial)
        idx = np.meshgrid(*[np.arange(n, dtype=np.float64) for n in spatial], indexing="ij")
        pos = [np.clip((off[d] + (idx[d] + 0.5) * vs[d] - goff[d]) / spacing[d] - 0.5, 0, g.shape[2 + d] - 1) for d in range(nd)]
        aligned = np.zeros(img.shape, np.uint8)
        field = np.zeros((img.shape[0], nd) + spatial, np.float64)
        for c in range(img.shape[0]):
            gc = g[c].copy()
            if threshold is not None:
                gc[:, np.abs(gc).max(axis=0) > threshold] = 0
            for d in range(nd):
                field[c, d] = map_coordinates(gc[d], pos, order=1, mode="nearest")
            coords = [idx[d] - field[c, d] / vs[d] for d in range(nd)]
            values = map_coordinates(img[c], coords, order=1, mode="constant", cval=0.0)
            aligned[c] = np.clip(values * 255, 0, 255).astype(np.uint8)
        np.save(sys.argv[4], aligned)
        np.save(sys.argv[5], field.astype(np.float32))
        """;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private RunOptions Options(ExecutionMode mode = ExecutionMode.Serial) => new()
    {
        Mode = mode,
        LogDirectory = temp.Combine("logs"),
        Progress = new StringWriter(),
        RedrawProgress = false,
    };

    public static TheoryData<string, double?> Fields => new()
    {
        { "constant", null },
        { "random3d", null },
        { "random3d", 3.0 },
        { "random2d", null },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void AgreesWithScipyMapCoordinates(string field, double? threshold)
    {
        bool flat = field == "random2d";
        int[] shape = flat ? [18, 21] : [12, 14, 17];
        var voxelSize = flat ? new Coordinate(2, 1) : new Coordinate(2, 1, 1);
        var spacing = flat ? new Coordinate(12, 6) : new Coordinate(8, 4, 4);
        var offset = flat ? new Coordinate(4, -3) : new Coordinate(6, 2, 0);
        int[] blocks = flat ? [3, 4] : [3, 4, 5];
        const int channels = 2;
        int dims = shape.Length;
        var random = new Random(field.Length + (threshold is null ? 0 : 1));
        var image = new float[channels * shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < image.Length; i++)
        {
            image[i] = (float)((random.NextDouble() * 1.1) - 0.05); // a few values outside [0, 1] exercise the clip
        }

        int samples = blocks.Aggregate(1, (a, b) => a * b);
        var grid = new float[channels * dims * samples];
        for (int c = 0; c < channels; c++)
        {
            for (int d = 0; d < dims; d++)
            {
                // At most about one block (the context) in world units.
                double limit = 0.9 * spacing.ValueAt(d);
                double constant = ((c + 1) * (d + 1) % 3 - 1) * 0.37 * limit;
                for (int s = 0; s < samples; s++)
                {
                    grid[(((c * dims) + d) * samples) + s] = (float)(field == "constant" ? constant : ((random.NextDouble() * 2) - 1) * limit);
                }
            }
        }

        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), image, channels, shape, voxelSize, offset);
        var shifts = RegistrationArrays.WriteShiftGrid(temp.Combine("data.zarr", "shifts"), grid, channels, blocks, spacing, offset);
        var task = new ApplyShift
        {
            Intensities = intensities,
            Shifts = shifts,
            Aligned = new Raw { Store = temp.Combine("data.zarr", "aligned") },
            InterpShifts = new Raw { Store = temp.Combine("data.zarr", "field") },
            ShiftThreshold = threshold,
        };
        Assert.Equal(flat ? new Coordinate(6, 6) : new Coordinate(4, 4, 4), task.BlockSize);
        Assert.True(Runner.Run(task, Options()).Succeeded);

        string alignedNpy = temp.Combine("aligned.npy");
        string fieldNpy = temp.Combine("field.npy");
        ReferencePython.Run(
            ScipyApplyShift, intensities.Store, shifts.Store, threshold is { } t ? t.ToString(CultureInfo.InvariantCulture) : "null", alignedNpy, fieldNpy);
        var expectedAligned = Npy.Read(alignedNpy).Data;
        var expectedField = MemoryMarshal.Cast<byte, float>(Npy.Read(fieldNpy).Data).ToArray();
        var aligned = RegistrationArrays.ReadAll<byte>(temp.Combine("data.zarr", "aligned"));
        var dense = RegistrationArrays.ReadAll<float>(temp.Combine("data.zarr", "field"));
        Assert.Equal(expectedAligned.Length, aligned.Length);
        Assert.Equal(expectedField.Length, dense.Length);
        for (int i = 0; i < dense.Length; i++)
        {
            Assert.True(Math.Abs(expectedField[i] - dense[i]) < 1e-4, $"field element {i}: scipy {expectedField[i]}, ours {dense[i]}");
        }

        // Truncation to uint8 may round a value within float error of an integer either way.
        int exact = 0;
        for (int i = 0; i < aligned.Length; i++)
        {
            Assert.True(Math.Abs(expectedAligned[i] - aligned[i]) <= 1, $"voxel {i}: scipy {expectedAligned[i]}, ours {aligned[i]}");
            exact += expectedAligned[i] == aligned[i] ? 1 : 0;
        }

        Assert.True(exact > aligned.Length * 0.99, $"only {exact} of {aligned.Length} voxels equal");
        Assert.Contains(aligned, value => value == 0);
    }

    [Fact]
    public void ShiftedChannelsAreAlignedEndToEnd()
    {
        int[] shape = [24, 48, 48];
        double[][] moves = [[0, 0, 0], [1.3333, -2, 0.6667], [-0.6667, 1.3333, 2]];
        var data = ShiftedBlobs.Create(shape, moves, sigma: 0.8, seed: 17);
        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), data, 3, shape, new Coordinate(2, 1, 1));
        var compute = new ComputeShift
        {
            Intensities = intensities,
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            BlockSize = new Coordinate(12, 24, 24),
        };
        var apply = new ApplyShift
        {
            Intensities = intensities,
            Shifts = new Raw { Store = temp.Combine("data.zarr", "shifts") },
            Aligned = new Raw { Store = temp.Combine("data.zarr", "aligned") },
        };
        Assert.True(Runner.Run(compute + apply, Options(ExecutionMode.Threads)).Succeeded);

        var aligned = RegistrationArrays.ReadAll<byte>(temp.Combine("data.zarr", "aligned"));
        int[] inner = [16, 40, 40];
        var reference = Crop(aligned, 0, shape, inner);
        var before = new double[3];
        var after = new double[3];
        for (int c = 1; c < 3; c++)
        {
            PhaseCrossCorrelation.Estimate(Crop(data, 0, shape, inner), Crop(data, c, shape, inner), inner, 3, before);
            PhaseCrossCorrelation.Estimate(reference, Crop(aligned, c, shape, inner), inner, 3, after);
            // Measured the same way, the channel is clearly off before and within the estimator's 1/3 voxel after.
            Assert.True(before.Max(Math.Abs) >= 1, $"channel {c}: shift [{string.Join(", ", before)}] before alignment");
            for (int d = 0; d < 3; d++)
            {
                Assert.True(Math.Abs(after[d]) <= (1.0 / 3) + 1e-9, $"channel {c} axis {d}: residual shift {after[d]} voxels (moved by {moves[c][d]})");
            }
        }
    }

    [Fact]
    public void BadShiftGridsNameTheField()
    {
        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), new float[2 * 64], 2, [8, 8], new Coordinate(2, 2));
        Raw Grid(Coordinate spacing, int channels = 2) =>
            RegistrationArrays.WriteShiftGrid(temp.Combine("data.zarr", "shifts"), new float[channels * 2 * 4], channels, [2, 2], spacing);
        ApplyShift Task(Raw shifts) => new()
        {
            Intensities = intensities,
            Shifts = shifts,
            Aligned = new Raw { Store = temp.Combine("data.zarr", "aligned") },
        };

        var missing = Assert.ThrowsAny<ArgumentException>(() => Task(new Raw { Store = temp.Combine("data.zarr", "nothing") }).Init());
        Assert.Contains("shifts", missing.Message, StringComparison.Ordinal);
        var uneven = Assert.ThrowsAny<ArgumentException>(() => Task(Grid(new Coordinate(8, 5))).Init());
        Assert.Contains("whole multiple", uneven.Message, StringComparison.Ordinal);
        var channels = Assert.ThrowsAny<ArgumentException>(() => Task(Grid(new Coordinate(8, 8), channels: 3)).Init());
        Assert.Contains("shifts", channels.Message, StringComparison.Ordinal);
        var threshold = Assert.ThrowsAny<ArgumentException>(() => new ApplyShift
        {
            Intensities = intensities,
            Shifts = Grid(new Coordinate(8, 8)),
            Aligned = new Raw { Store = temp.Combine("data.zarr", "aligned") },
            ShiftThreshold = -1,
        }.Init());
        Assert.Contains("shift_threshold", threshold.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationRoundTripsWithoutTheDerivedBlockSize()
    {
        var intensities = RegistrationArrays.WriteChannels(temp.Combine("data.zarr", "raw"), new float[2 * 64], 2, [8, 8], new Coordinate(2, 2));
        var shifts = RegistrationArrays.WriteShiftGrid(temp.Combine("data.zarr", "shifts"), new float[2 * 2 * 4], 2, [2, 2], new Coordinate(8, 8));
        var task = new ApplyShift
        {
            Intensities = intensities,
            Shifts = shifts,
            Aligned = new Raw { Store = temp.Combine("data.zarr", "aligned") },
            InterpShifts = new Raw { Store = temp.Combine("data.zarr", "field") },
            ShiftThreshold = 2.5,
        };
        var config = task.ToConfig()!;
        Assert.Equal("apply_shifts", config["task_type"]!.GetValue<string>());
        Assert.False(config.ContainsKey("block_size"));
        Assert.False(config.ContainsKey("context"));
        var copy = DescribedTasks.FromConfig<ApplyShift>(config);
        Assert.Equal(config.ToJsonString(), copy.ToConfig()!.ToJsonString());
        Assert.Equal("aligned-apply_shifts", copy.Name);
        Assert.Equal(new Coordinate(4, 4), copy.Layout.BlockSize / new Coordinate(2, 2));
        Assert.Equal(new Coordinate(8, 8), copy.Layout.ContextLow);
    }

    private static float[] Crop(byte[] data, int channel, int[] shape, int[] inner) =>
        Crop(Array.ConvertAll(data, value => value / 255f), channel, shape, inner);

    private static float[] Crop(float[] data, int channel, int[] shape, int[] inner)
    {
        int voxels = shape.Aggregate(1, (a, b) => a * b);
        var result = new float[inner.Aggregate(1, (a, b) => a * b)];
        int i = 0;
        for (int z = 0; z < inner[0]; z++)
        {
            for (int y = 0; y < inner[1]; y++)
            {
                for (int x = 0; x < inner[2]; x++)
                {
                    int source = (channel * voxels) + ((((z + ((shape[0] - inner[0]) / 2)) * shape[1]) + y + ((shape[1] - inner[1]) / 2)) * shape[2]) + x + ((shape[2] - inner[2]) / 2);
                    result[i++] = data[source];
                }
            }
        }

        return result;
    }
}
