using System.Diagnostics;
using System.Text.Json.Nodes;
using Volara.Generators.Tests.Support;
using Volara.Generators.Tests.Tasks;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Geometry;

namespace Volara.Generators.Tests;

/// <summary>Generated tasks run on tiny volumes: block plumbing, context padding, validation and configurations.</summary>
public sealed class CompileAndRunTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ContextReadsPadBeyondTheVolumeAndShrunkBlocksCoverTheEdge()
    {
        const int height = 7, width = 9;
        var values = Enumerable.Range(1, height * width).ToArray();
        var task = new NeighborhoodSum
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "values"), values, height, width),
            Sums = new Raw { Store = temp.Combine("data.zarr", "sums") },
            BlockSize = new Coordinate(3, 4),
            Radius = new Coordinate(1, 2),
        };

        var result = Runner.Run(task, Serial());

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(3 * 3, result["sums-test-neighborhood-sum"].Completed);
        Assert.Equal(WindowSums(values, height, width, 1, 2), Volumes.ReadAll<long>(task.Sums.Untyped));
    }

    [Fact]
    public void ContextBeyondTheVolumeReadsTheArraysFillValue()
    {
        const int height = 5, width = 6, fill = 7;
        var values = Enumerable.Range(1, height * width).ToArray();
        var store = temp.Combine("data.zarr", "values");
        var array = VolumeArray.Prepare(store, new PrepareOptions { Shape = [height, width], ChunkShape = [4, 4], DataType = Runtime.Storage.DataType.Int32, FillValue = fill });
        array.Write(array.Roi, (ReadOnlySpan<int>)values);
        var task = new NeighborhoodSum
        {
            Values = new Raw { Store = store },
            Sums = new Raw { Store = temp.Combine("data.zarr", "sums") },
            BlockSize = new Coordinate(2, 4),
            Radius = new Coordinate(1, 1),
        };

        Assert.True(Runner.Run(task, Serial()).Succeeded);

        var inside = WindowSums(values, height, width, 1, 1);
        var expected = new long[inside.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int rows = 3 - (y == 0 ? 1 : 0) - (y == height - 1 ? 1 : 0);
                int columns = 3 - (x == 0 ? 1 : 0) - (x == width - 1 ? 1 : 0);
                expected[(y * width) + x] = inside[(y * width) + x] + (fill * (9 - (rows * columns)));
            }
        }

        Assert.Equal(expected, Volumes.ReadAll<long>(task.Sums.Untyped));
    }

    [Fact]
    public void InputsOfOtherStoredTypesAreConvertedToThePortType()
    {
        var task = new Difference
        {
            A = Volumes.Write(temp.Combine("data.zarr", "a"), new float[] { 1.5f, 2, 3, 4, 5, 6 }, 2, 3),
            B = Volumes.Write(temp.Combine("data.zarr", "b"), new byte[] { 1, 1, 1, 2, 2, 2 }, 2, 3),
            Result = new Raw { Store = temp.Combine("data.zarr", "result") },
            BlockSize = new Coordinate(2, 2),
        };

        Assert.True(Runner.Run(task, Serial()).Succeeded);
        Assert.Equal([0.5, 1, 2, 2, 3, 4], Volumes.ReadAll<double>(task.Result.Untyped));
        Assert.Equal(Runtime.Storage.DataType.Float64, task.Result.Array().DataType);
    }

    [Fact]
    public void ValidationMessagesNameTheTaskAndTheField()
    {
        var a = Volumes.Write(temp.Combine("data.zarr", "a"), new float[4], 2, 2);
        var coarse = Volumes.Write(temp.Combine("data.zarr", "coarse"), new float[4], 2, 2, voxel: 2);
        var output = new Raw { Store = temp.Combine("data.zarr", "out") };

        var mixed = new Difference { A = a, B = coarse, Result = output, BlockSize = new Coordinate(2, 2) };
        var voxelError = Assert.Throws<TaskFieldException>(() => mixed.Layout);
        Assert.Equal("b", voxelError.Field);
        Assert.Contains("task 'out-test-difference': b ", voxelError.Message);
        Assert.Contains("voxel size", voxelError.Message);

        var flat = new Difference { A = a, B = a, Result = output, BlockSize = new Coordinate(2) };
        Assert.Contains("task 'out-test-difference': block_size (2,) has 1 values, the data has 2 physical axes", Assert.Throws<TaskFieldException>(() => flat.Layout).Message);

        var negative = new NeighborhoodSum { Values = a, Sums = output, BlockSize = new Coordinate(2, 2), Radius = new Coordinate(1, -1) };
        Assert.Contains("task 'out-test-neighborhood-sum': radius (1, -1) must not be negative", Assert.Throws<TaskFieldException>(() => negative.Layout).Message);
    }

    [Fact]
    public void AConfigurationRebuildsTheTaskThroughTheRegistry()
    {
        var task = new NeighborhoodSum
        {
            Values = new Raw { Store = "in.zarr/values" },
            Sums = new Raw { Store = "out.zarr/sums" },
            BlockSize = new Coordinate(3, 4),
            Radius = new Coordinate(1, 2),
        };

        var config = task.ToConfig()!;
        Assert.Equal("test-neighborhood-sum", config["task_type"]!.GetValue<string>());
        Assert.Equal("raw", config["values"]!["dataset_type"]!.GetValue<string>());
        Assert.Equal("in.zarr/values", config["values"]!["store"]!.GetValue<string>());

        var rebuilt = Assert.IsType<NeighborhoodSum>(TaskRegistry.Default.Create(JsonNode.Parse(config.ToJsonString())!.AsObject()));
        Assert.Equal(task.Values, rebuilt.Values);
        Assert.Equal(task.Radius, rebuilt.Radius);
        Assert.Equal(config.ToJsonString(), rebuilt.ToConfig()!.ToJsonString());
    }

    [Fact]
    public async Task TheCustomTaskSampleRunsInWorkerProcesses()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "Volara.Samples.CustomTask.dll");
        var container = temp.Combine("sample.zarr");
        var start = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            ArgumentList = { sample, container, "--processes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var outputRead = process.StandardOutput.ReadToEndAsync();
        var errorsRead = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        var (output, errors) = (await outputRead, await errorsRead);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output}{errors}");
        Assert.Contains("winners-sample-channel-argmax: 8 of 8 blocks", output);

        var scores = Volumes.ReadAll<float>(new Raw { Store = Path.Combine(container, "scores") });
        var winners = Volumes.ReadAll<byte>(new Labels { Store = Path.Combine(container, "winners") });
        Assert.Equal(1000, winners.Length);
        for (int voxel = 0; voxel < 1000; voxel++)
        {
            var channel = new[] { scores[voxel], scores[1000 + voxel], scores[2000 + voxel] };
            Assert.Equal(Array.IndexOf(channel, channel.Max()), winners[voxel]);
        }
    }

    private RunOptions Serial() => new()
    {
        Mode = ExecutionMode.Serial,
        LogDirectory = temp.Combine("logs"),
        ShowProgress = false,
        PrintSummary = false,
    };

    private static long[] WindowSums(int[] values, int height, int width, int ry, int rx)
    {
        var sums = new long[height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int dy = -ry; dy <= ry; dy++)
                {
                    for (int dx = -rx; dx <= rx; dx++)
                    {
                        if (y + dy >= 0 && y + dy < height && x + dx >= 0 && x + dx < width)
                        {
                            sums[(y * width) + x] += values[((y + dy) * width) + x + dx];
                        }
                    }
                }
            }
        }

        return sums;
    }
}
