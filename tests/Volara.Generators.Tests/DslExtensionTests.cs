using Volara.Generators.Tests.Support;
using Volara.Generators.Tests.Tasks;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Execution;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Pipelines;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Generators.Tests;

/// <summary>Optional ports, hooks, Process over the stored type, whole-volume tasks, read/write conflicts and parameter checks.</summary>
public sealed class DslExtensionTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void StoredPortsRunProcessInTheStoredTypeAndOutputsTakeIt()
    {
        var values = new ushort[] { 0, 7, 65535, 3, 9, 1 };
        var task = new StoredCopy
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "values"), values, 2, 3),
            Copy = new Raw { Store = temp.Combine("data.zarr", "copy") },
            BlockSize = new Coordinate(2, 2),
        };

        Assert.True(Runner.Run(task, Serial()).Succeeded);
        Assert.Equal(typeof(ushort), task.ProcessedAs);
        Assert.Equal(DataType.UInt16, task.Copy.Array().DataType);
        Assert.Equal(values, Volumes.ReadAll<ushort>(task.Copy.Untyped));
    }

    [Fact]
    public void UnconfiguredOptionalPortsAreEmptyAndConfiguredOnesAreUsed()
    {
        var values = new float[] { 1.5f, -2, 0, 4, 5, 6 };
        var unmasked = new StoredCopy
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "values"), values, 2, 3),
            Copy = new Raw { Store = temp.Combine("data.zarr", "plain") },
            BlockSize = new Coordinate(2, 2),
        };

        Assert.True(Runner.Run(unmasked, Serial()).Succeeded);
        Assert.Equal(0, unmasked.MaskedBlocks);
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "nonzero")));

        var masked = new StoredCopy
        {
            Values = unmasked.Values,
            Mask = Volumes.Fill(new Labels { Store = temp.Combine("data.zarr", "mask") }, new byte[] { 1, 1, 1, 0, 0, 1 }, 2, 3),
            Copy = new Raw { Store = temp.Combine("data.zarr", "masked") },
            Nonzero = new Labels { Store = temp.Combine("data.zarr", "nonzero") },
            BlockSize = new Coordinate(2, 2),
        };

        Assert.True(Runner.Run(masked, Serial()).Succeeded);
        Assert.Equal(typeof(float), masked.ProcessedAs);
        Assert.Equal(2, masked.MaskedBlocks);
        Assert.Equal([1.5f, -2, 0, 0, 0, 6], Volumes.ReadAll<float>(masked.Copy.Untyped));
        Assert.Equal([1, 1, 0, 0, 0, 1], Volumes.ReadAll<byte>(masked.Nonzero!.Untyped));
    }

    [Fact]
    public void HooksRunAtTheEndOfInitAndDropArtifacts()
    {
        var task = new StoredCopy
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "values"), new int[] { 1, 2, 3, 4 }, 2, 2),
            Copy = new Raw { Store = temp.Combine("data.zarr", "copy") },
            BlockSize = new Coordinate(2, 2),
        };

        task.Init();
        Assert.Equal(1, task.InitHookRuns);
        Assert.True(Directory.Exists(task.Copy.Store));

        task.DropArtifacts();
        Assert.Equal(1, task.DropHookRuns);
        Assert.False(Directory.Exists(task.Copy.Store));
    }

    [Fact]
    public void StoredBooleansAreReadAsBytes()
    {
        var task = new StoredCopy
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "flags"), new bool[] { true, false, true, true }, 2, 2),
            Copy = new Raw { Store = temp.Combine("data.zarr", "copy") },
            BlockSize = new Coordinate(2, 2),
        };

        Assert.True(Runner.Run(task, Serial()).Succeeded);
        Assert.Equal(typeof(byte), task.ProcessedAs);
        Assert.Equal(DataType.UInt8, task.Copy.Array().DataType);
        Assert.Equal([1, 0, 1, 1], Volumes.ReadAll<byte>(task.Copy.Untyped));
    }

    [Fact]
    public void ReadWriteConflictReachesTheLayoutAndSplitsTheGridIntoLevels()
    {
        var task = ScoreGroupsOver(new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new Coordinate(0, 1)] });

        Assert.True(task.Layout.ReadWriteConflict);
        Assert.True(new BlockGrid(task.Name, task.Layout).LevelCount > 1);
        var result = Runner.Run(task, Serial());
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(9, result["frags-scores"].Completed);
    }

    [Fact]
    public void OffsetsOutsideTheNeighborhoodAreRefusedWithTheField()
    {
        var task = ScoreGroupsOver(new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new Coordinate(0, 1)], ["far"] = [new Coordinate(0, 3)] });

        var error = Assert.Throws<TaskFieldException>(() => task.Layout);
        Assert.StartsWith("task 'frags-scores': scores names offset (0, 3), which is not in the neighborhood of affs", error.Message);
        Assert.Equal("scores", error.Field);
    }

    [Fact]
    public void AWholeRoiTaskWithoutArraysRunsOneBlockOverItsRoi()
    {
        var lut = temp.Combine("lut.txt");
        var task = new WholeGraph
        {
            Db = new TestGraphConfig("graph.db") { EdgeAttrs = new Dictionary<string, string> { ["adj_weight"] = "float" } },
            Weights = new Dictionary<string, double[]> { ["adj_weight"] = [1, 0] },
            Lut = lut,
            Roi = new Roi(new Coordinate(10, 20), new Coordinate(100, 200)),
        };

        var result = Runner.Run(task, Serial());

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(1, result["lut.txt-whole-graph"].Completed);
        Assert.Equal(new Roi(new Coordinate(10, 20), new Coordinate(100, 200)).ToString(), File.ReadAllText(lut));
        Assert.Equal(task.Layout.TotalWriteRoi.Shape, task.Layout.BlockSize);
    }

    [Fact]
    public void AWholeRoiTaskWithoutInputsNeedsItsRoi()
    {
        var task = new WholeGraph { Db = new TestGraphConfig("graph.db"), Weights = new Dictionary<string, double[]>(), Lut = "lut" };

        Assert.Equal("task 'lut-whole-graph': roi is required: a whole-volume task without inputs writes exactly that region", Assert.Throws<TaskFieldException>(() => task.Layout).Message);
    }

    [Fact]
    public void WeightsMustNameDeclaredEdgeAttributes()
    {
        var task = new WholeGraph
        {
            Db = new TestGraphConfig("graph.db") { EdgeAttrs = new Dictionary<string, string> { ["adj_weight"] = "float" } },
            Weights = new Dictionary<string, double[]> { ["adj_weight"] = [1, 0], ["lr_weight"] = [1, 0] },
            Lut = "lut",
            Roi = new Roi(new Coordinate(0, 0), new Coordinate(4, 4)),
        };

        Assert.Equal(
            "task 'lut-whole-graph': weights names edge attribute 'lr_weight', but db declares only [adj_weight] in edge_attrs",
            Assert.Throws<TaskFieldException>(() => task.Layout).Message);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("uint64")]
    public void LabelsThatTheirElementTypeCannotHoldAreRefusedNamingThePort(string stored)
    {
        // ScoreGroups reads frags as Labels<ulong>: float32 values would be truncated to ids.
        var task = ScoreGroupsOver(new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new Coordinate(0, 1)] });
        string path = temp.Combine("data.zarr", "frags-" + stored);
        var frags = new Labels { Store = path };
        if (stored == "float32")
        {
            Volumes.Fill(frags, new float[36], 6, 6);
        }
        else
        {
            Volumes.Fill(frags, new ulong[36], 6, 6);
        }

        var withFrags = new ScoreGroups { Affs = task.Affs, Frags = frags, Scores = task.Scores, BlockSize = task.BlockSize, Context = task.Context };
        if (stored == "uint64")
        {
            Assert.NotNull(withFrags.Layout);
            return;
        }

        var error = Assert.Throws<TaskFieldException>(() => withFrags.Layout);
        Assert.Equal("frags", error.Field);
        Assert.Equal($"task '{withFrags.Name}': '{path}' holds float32 labels, but the task reads them as uint64, which would change ids", error.Message);
    }

    [Fact]
    public void TwoTasksWritingOneArrayAreRefusedBeforeAnythingIsCreated()
    {
        var a = Volumes.Write(temp.Combine("data.zarr", "a"), new float[4], 2, 2);
        var b = Volumes.Write(temp.Combine("data.zarr", "b"), new float[4], 2, 2);
        // One array, spelled two ways.
        var first = new Difference { A = a, B = b, Result = new Raw { Store = temp.Combine("data.zarr", "out") }, BlockSize = new Coordinate(2, 2) };
        var second = new NeighborhoodSum
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "ints"), new int[4], 2, 2),
            Sums = new Raw { Store = temp.Combine("data.zarr", "out") + "/" },
            BlockSize = new Coordinate(2, 2),
            Radius = new Coordinate(0, 0),
        };

        var error = Assert.Throws<PipelineException>(() => Runner.Run(first | second, Serial()));
        Assert.Contains($"task '{second.Name}': sums '{temp.Combine("data.zarr", "out")}/' is also written by task '{first.Name}' (result)", error.Message);
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "out")));
    }

    [Fact]
    public void ATaskReadingTheArrayItWritesIsRefusedUnlessItDeclaresTheConflict()
    {
        var values = Volumes.Write(temp.Combine("data.zarr", "values"), new int[16], 4, 4);
        var inPlace = new NeighborhoodSum { Values = values, Sums = new Raw { Store = values.Store }, BlockSize = new Coordinate(2, 2), Radius = new Coordinate(1, 1) };

        var error = Assert.Throws<PipelineException>(() => Runner.Run(inPlace, Serial()));
        Assert.Contains($"task '{inPlace.Name}': values '{values.Store}' is also its output sums", error.Message);
        Assert.False(Directory.Exists(temp.Combine("logs", inPlace.Name)));

        // ScoreGroups declares the conflict: reading what it writes is its design.
        Assert.True(ScoreGroupsOver(new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new Coordinate(0, 1)] }).Layout.ReadWriteConflict);
    }

    private ScoreGroups ScoreGroupsOver(IReadOnlyDictionary<string, IReadOnlyList<Coordinate>> scores)
    {
        const int size = 6;
        var affs = new Affs { Store = temp.Combine("data.zarr", "affs"), Neighborhood = [new Coordinate(0, 1), new Coordinate(1, 0)] };
        var array = affs.Prepare(
            [2, size, size], [2, 4, 4], new Coordinate(0, 0), new Coordinate(1, 1), ["nm", "nm"], ["c^", "y", "x"], ["channel", "space", "space"], DataType.Float32);
        array.Write(array.Roi, (ReadOnlySpan<float>)Enumerable.Repeat(0.5f, 2 * size * size).ToArray());
        return new ScoreGroups
        {
            Affs = affs,
            Frags = Volumes.Fill(new Labels { Store = temp.Combine("data.zarr", "frags") }, new ulong[size * size], size, size),
            Scores = scores,
            BlockSize = new Coordinate(2, 2),
            Context = new Coordinate(1, 1),
        };
    }

    [Theory]
    [InlineData(ExecutionMode.Serial, 1)]
    [InlineData(ExecutionMode.Threads, 2)]
    public void DerivedGeometryOverhangFitAndWorkerStateRunWholeBlocksWithOneStatePerWorker(ExecutionMode mode, int workers)
    {
        // 5×7 voxels in 2×2 blocks: the last row and column of blocks stick out of the volume.
        var values = new float[35];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i * 7) % 11;
        }

        var task = new WindowSum
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "values"), values, 5, 7),
            Sums = new Raw { Store = temp.Combine("data.zarr", "sums") },
            ReadShape = new Coordinate(4, 4),
            Execution = new ExecutionOptions { NumWorkers = workers },
        };

        Assert.True(Runner.Run(task, Serial() with { Mode = mode }).Succeeded);

        Assert.Equal(new Coordinate(2, 2), task.BlockSize);
        Assert.Equal(BlockFit.Overhang, task.Layout.Fit);
        Assert.Equal(new Coordinate(1, 1), task.Layout.ContextLow);
        Assert.Empty(task.PartialBlocks);
        Assert.InRange(task.StatesCreated, 1, workers);
        Assert.Equal(task.StatesCreated, task.DisposedStates.Count);
        Assert.Equal(BlockPipeline.Slots, WindowSum.Descriptor.BlocksInFlight);
        Assert.Equal(1, StoredCopy.Descriptor.BlocksInFlight);
        Assert.Equal(task.StatesCreated, task.WorkerNumbers.Distinct().Count());
        Assert.Equal(12, task.DisposedStates.Sum());
        Assert.Equal(WindowSums(values, 5, 7), Volumes.ReadAll<float>(task.Sums.Untyped));
        Assert.DoesNotContain("block_size", task.ToConfig()!.ToJsonString());
    }

    [Theory]
    [InlineData(ExecutionMode.Serial, 1)]
    [InlineData(ExecutionMode.Threads, 2)]
    public void ListOutputsArePreparedPerEntryAndWrittenByProcessNullEntriesDiscarded(ExecutionMode mode, int workers)
    {
        // 3×5 voxels in 2×2 blocks, overhang fit; each block reads one voxel more in +x.
        var values = new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
        var task = new ShiftedCopies
        {
            Values = Volumes.Write(temp.Combine("data.zarr", "values"), values, 3, 5),
            Copies = [new Raw { Store = temp.Combine("data.zarr", "one") }, null, new Raw { Store = temp.Combine("data.zarr", "three") }],
            BlockSize = new Coordinate(2, 2),
            Execution = new ExecutionOptions { NumWorkers = workers },
        };

        Assert.True(Runner.Run(task, Serial() with { Mode = mode }).Succeeded);

        Assert.Equal(new Coordinate(0, 0), task.Layout.ContextLow);
        Assert.Equal(new Coordinate(0, 1), task.Layout.ContextHigh);
        Assert.Equal(BlockPipeline.Slots, ShiftedCopies.Descriptor.BlocksInFlight);
        var one = task.Copies[0]!.Array();
        var three = task.Copies[2]!.Array();
        Assert.Equal(new long[] { 1, 3, 5 }, one.Shape);
        Assert.Equal(new long[] { 3, 3, 5 }, three.Shape);
        Assert.Equal(DataType.Float32, three.DataType);
        var expected = new float[3 * 15];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 3; y++)
            {
                for (int x = 0; x < 5; x++)
                {
                    expected[(c * 15) + (y * 5) + x] = x + 1 < 5 ? (c + 1) * values[(y * 5) + x + 1] : 0;
                }
            }
        }

        Assert.Equal(expected[..15], Volumes.ReadAll<float>(task.Copies[0]!));
        Assert.Equal(expected, Volumes.ReadAll<float>(task.Copies[2]!));

        task.DropArtifacts();
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "one")));
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "three")));
    }

    /// <summary>The 3×3 window sum with zeros outside the volume.</summary>
    private static float[] WindowSums(float[] values, int height, int width)
    {
        var sums = new float[values.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
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

    private RunOptions Serial() => new()
    {
        Mode = ExecutionMode.Serial,
        LogDirectory = temp.Combine("logs"),
        ShowProgress = false,
        PrintSummary = false,
    };
}
