using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Luts;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Engine.Workers;
using Volara.Runtime.Tests.Support;
using Volara.Workers;
using Xunit;

namespace Volara.Runtime.Tests.Tasks;

public sealed class RelabelTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private RunOptions Options(ExecutionMode mode) => new()
    {
        Mode = mode,
        LogDirectory = temp.Combine("logs"),
        Progress = new StringWriter(),
        RedrawProgress = false,
    };

    // volara's labels_2d fixture: a 10×10 image in four 5×5 quadrants labelled 1–4.
    private string Quadrants()
    {
        string path = temp.Combine("data.zarr", "frags");
        var array = VolumeArray.Prepare(path, new PrepareOptions { Shape = [10, 10], ChunkShape = [5, 5], DataType = DataType.UInt64, VoxelSize = new Coordinate(2, 2) });
        var values = new ulong[100];
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                values[y * 10 + x] = (ulong)(1 + (y / 5 * 2) + (x / 5));
            }
        }

        array.Write<ulong>(array.Roi, values);
        return path;
    }

    private Relabel Task(string frags, Lut lut, int block = 10) => new()
    {
        FragsData = new Labels { Store = frags },
        SegData = new Labels { Store = temp.Combine("data.zarr", "segments") },
        Lut = lut,
        BlockSize = new Coordinate(block, block),
        Execution = new ExecutionOptions { NumWorkers = 2 },
    };

    [Theory]
    [InlineData(ExecutionMode.Serial, 10)]
    [InlineData(ExecutionMode.Threads, 5)]
    public void QuadrantsBecomeTheirSegments(ExecutionMode mode, int block)
    {
        var lut = new Lut { Path = temp.Combine("lut") };
        lut.Save(new FragmentSegmentLut([1, 2, 3, 4], [10, 20, 30, 40]));
        var task = Task(Quadrants(), lut, block);
        Assert.Equal("segments-relabel", task.Name);

        var result = Runner.Run(task, Options(mode));
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(100 / (block * block), result[task.Name].Total);

        var segments = task.SegData.Array();
        Assert.Equal(DataType.UInt64, segments.DataType);
        Assert.Equal(new Coordinate(2, 2), segments.VoxelSize);
        Assert.Equal([block, block], segments.ChunkShape);
        var frags = VolumeArray.Open(task.FragsData.Store).ReadAll<ulong>().ToArray();
        Assert.Equal(frags.Select(f => f * 10), segments.ReadAll<ulong>().ToArray());
    }

    [Fact]
    public void IdsMissingFromTheTableKeepTheirValue()
    {
        var lut = new Lut { Path = temp.Combine("partial.npz") };
        lut.Save(new FragmentSegmentLut([2, 4, 99], [7, 7, 1]));
        var task = Task(Quadrants(), lut, 5);
        Assert.True(Runner.Run(task, Options(ExecutionMode.Serial)).Succeeded);
        var frags = VolumeArray.Open(task.FragsData.Store).ReadAll<ulong>().ToArray();
        Assert.Equal(frags.Select(f => f is 2 or 4 ? 7UL : f), task.SegData.Array().ReadAll<ulong>().ToArray());
    }

    [Fact]
    public void RunsInWorkerProcessesFromItsConfiguration()
    {
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });
        var lut = new Lut { Path = temp.Combine("lut") };
        lut.Save(new FragmentSegmentLut([1, 3], [1UL << 63, ulong.MaxValue]));
        var task = Task(Quadrants(), lut, 5);

        var config = task.ToConfig()!;
        Assert.Equal("relabel", config["task_type"]!.GetValue<string>());
        Assert.Equal(lut.Path, config["lut"]!["path"]!.GetValue<string>());

        var result = Runner.Run(task, Options(ExecutionMode.Processes));
        Assert.True(result.Succeeded, result.Summary);
        var frags = VolumeArray.Open(task.FragsData.Store).ReadAll<ulong>().ToArray();
        Assert.Equal(frags.Select(f => f switch { 1 => 1UL << 63, 3 => ulong.MaxValue, _ => f }), task.SegData.Array().ReadAll<ulong>().ToArray());
    }

    [Fact]
    public void AMissingTableFailsTheBlocksNamingTheFile()
    {
        var lut = new Lut { Path = temp.Combine("absent") };
        var task = Task(Quadrants(), lut, 5);
        var result = Runner.Run(task, Options(ExecutionMode.Serial));
        Assert.False(result.Succeeded);
        Assert.Contains("absent.npz", result.Summary + string.Join("\n", result[task.Name].Failures.Select(f => f.Failure.Reason)));
    }

    [Fact]
    public void DropRemovesTheSegments()
    {
        var lut = new Lut { Path = temp.Combine("lut") };
        lut.Save(new FragmentSegmentLut([1], [2]));
        var task = Task(Quadrants(), lut);
        var options = Options(ExecutionMode.Serial);
        Assert.True(Runner.Run(task, options).Succeeded);
        Assert.True(Directory.Exists(task.SegData.Store));
        Runner.Drop(task, options.LogDirectory);
        Assert.False(Directory.Exists(task.SegData.Store));
        Assert.True(lut.Exists());
    }

    [Fact]
    public void FloatingPointFragmentsAreRefusedBeforeAnythingIsCreated()
    {
        string path = temp.Combine("data.zarr", "probabilities");
        var array = VolumeArray.Prepare(path, new PrepareOptions { Shape = [10, 10], ChunkShape = [5, 5], DataType = DataType.Float32, VoxelSize = new Coordinate(2, 2) });
        array.Write<float>(array.Roi, Enumerable.Repeat(0.5f, 100).ToArray());
        var lut = new Lut { Path = temp.Combine("lut") };
        lut.Save(new FragmentSegmentLut([1], [2]));
        var task = Task(path, lut);

        var error = Assert.ThrowsAny<ArgumentException>(() => Runner.Run(task, Options(ExecutionMode.Serial)));
        Assert.Equal($"task '{task.Name}': '{path}' holds float32, but the task needs signed integer or unsigned integer data", error.Message);
        Assert.Equal("frags_data", Assert.IsType<TaskFieldException>(error).Field);
        Assert.False(Directory.Exists(task.SegData.Store));
    }

    [Fact]
    public void FragmentsWithChannelsAreRefusedBeforeAnythingIsCreated()
    {
        // A labels input over data with a channel axis would see only the first channel's ids.
        string path = temp.Combine("data.zarr", "stacked");
        var array = VolumeArray.Prepare(path, new PrepareOptions
        {
            Shape = [3, 10, 10], ChunkShape = [3, 5, 5], DataType = DataType.UInt64, VoxelSize = new Coordinate(2, 2),
            AxisNames = ["c^", "y", "x"], Types = ["channel", "space", "space"],
        });
        array.Write<ulong>(array.Roi, Enumerable.Range(0, 300).Select(i => (ulong)i).ToArray());
        var lut = new Lut { Path = temp.Combine("lut") };
        lut.Save(new FragmentSegmentLut([1], [2]));
        var task = Task(path, lut);

        var error = Assert.IsType<TaskFieldException>(Assert.ThrowsAny<ArgumentException>(() => Runner.Run(task, Options(ExecutionMode.Serial))));

        Assert.Equal("frags_data", error.Field);
        Assert.Equal($"'{path}' has 1 channel axis (3 channels), but labels are read spatial: the task would see only the first channel (select one with the dataset's 'channels', or write it spatial-only)", error.Problem);
        Assert.False(Directory.Exists(task.SegData.Store));
    }

    [Theory]
    [InlineData(ExecutionMode.Serial)]
    [InlineData(ExecutionMode.Processes)]
    public void ABlockSizeForAnotherDimensionalityIsRefusedBeforeAnythingIsCreated(ExecutionMode mode)
    {
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });
        var lut = new Lut { Path = temp.Combine("lut") };
        lut.Save(new FragmentSegmentLut([1], [2]));
        var task = new Relabel
        {
            FragsData = new Labels { Store = Quadrants() },
            SegData = new Labels { Store = temp.Combine("data.zarr", "segments") },
            Lut = lut,
            BlockSize = new Coordinate(5, 5, 5),
        };

        var error = Assert.ThrowsAny<ArgumentException>(() => Runner.Run(task, Options(mode)));
        Assert.Equal("block_size", Assert.IsType<TaskFieldException>(error).Field);
        Assert.StartsWith($"task '{task.Name}': block_size", error.Message);
        Assert.False(Directory.Exists(task.SegData.Store));
    }
}
