using System.Globalization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Evaluation;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Engine.Workers;
using Volara.Runtime.Tests.Support;
using Volara.Workers;
using Xunit;

namespace Volara.Runtime.Tests.Evaluation;

public sealed class EvaluateTaskTests : IDisposable
{
    private static readonly long[] Shape = [7, 13, 11];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static ulong[] RandomLabels(int seed, int labels)
    {
        var random = new Random(seed);
        var values = new ulong[Shape[0] * Shape[1] * Shape[2]];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i > 0 && random.Next(3) != 0 ? values[i - 1] : (ulong)random.Next(0, labels + 1);
        }

        return values;
    }

    private Labels Write(string name, ulong[] values)
    {
        var labels = new Labels { Store = temp.Combine("eval.zarr", name) };
        var array = VolumeArray.Prepare(labels.Store, new PrepareOptions
        {
            Shape = Shape, ChunkShape = [4, 5, 5], DataType = DataType.UInt64, VoxelSize = new Coordinate(3L, 1L, 2L), Offset = new Coordinate(30L, 5L, 8L),
        });
        array.Write<ulong>(array.Roi, values);
        return labels;
    }

    private double[] Skimage(ulong[] truth, ulong[] segmentation, bool ignoreBackground)
    {
        string truthFile = temp.Combine("truth.bin"), segmentationFile = temp.Combine("seg.bin");
        File.WriteAllBytes(truthFile, System.Runtime.InteropServices.MemoryMarshal.AsBytes(truth.AsSpan()).ToArray());
        File.WriteAllBytes(segmentationFile, System.Runtime.InteropServices.MemoryMarshal.AsBytes(segmentation.AsSpan()).ToArray());
        string output = ReferencePython.Run(
            """
            import sys, numpy as np
            from skimage.metrics import variation_of_information, adapted_rand_error
            gt = np.fromfile(sys.argv[1], dtype=np.uint64).astype(np.int64).reshape(7, 13, 11)
            seg = np.fromfile(sys.argv[2], dtype=np.uint64).astype(np.int64).reshape(7, 13, 11)
            ignore = (0,) if sys.argv[3] == "1" else ()
            split, merge = variation_of_information(gt, seg, ignore_labels=ignore)
            are, precision, recall = adapted_rand_error(gt, seg, ignore_labels=ignore)
            print(" ".join(repr(float(v)) for v in (split, merge, are, precision, recall)))
            """,
            truthFile, segmentationFile, ignoreBackground ? "1" : "0");
        return [.. output.Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    private Evaluate Task(Labels truth, Labels segmentation, int[] block, bool ignoreBackground = true) => new()
    {
        GtData = truth,
        SegData = segmentation,
        BlockSize = new Coordinate(block.Select(b => (long)b)),
        ResultsFile = temp.Combine("results", "scores.json"),
        IgnoreBackground = ignoreBackground,
        Execution = new ExecutionOptions { NumWorkers = 3 },
    };

    private RunOptions Options(ExecutionMode mode) => new()
    {
        Mode = mode, LogDirectory = temp.Combine("logs"), Progress = new StringWriter(), RedrawProgress = false,
    };

    private static void AssertScores(double[] expected, EvaluationResults results)
    {
        Assert.Equal(expected[0], results.VoiSplit, 1e-9);
        Assert.Equal(expected[1], results.VoiMerge, 1e-9);
        Assert.Equal(expected[0] + expected[1], results.Voi, 1e-9);
        Assert.Equal(expected[2], results.AdaptedRandError, 1e-9);
        Assert.Equal(expected[3], results.RandPrecision, 1e-9);
        Assert.Equal(expected[4], results.RandRecall, 1e-9);
        Assert.True(results.VoiSplit > 0.1 && results.VoiMerge > 0.1 && results.AdaptedRandError > 0.05);
    }

    [Theory]
    [InlineData(ExecutionMode.Serial, new[] { 7, 13, 11 }, true, 1)]
    [InlineData(ExecutionMode.Serial, new[] { 3, 4, 5 }, true, 2)]
    [InlineData(ExecutionMode.Threads, new[] { 2, 5, 3 }, false, 3)]
    [InlineData(ExecutionMode.Threads, new[] { 1, 13, 2 }, true, 4)]
    [InlineData(ExecutionMode.Processes, new[] { 4, 6, 6 }, false, 5)]
    public void ScoresEqualSkimageForAnyBlockSize(ExecutionMode mode, int[] block, bool ignoreBackground, int seed)
    {
        if (mode == ExecutionMode.Processes)
        {
            ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });
        }

        var truthValues = RandomLabels(seed, 6);
        var segmentationValues = RandomLabels(seed + 50, 8);
        var task = Task(Write("gt", truthValues), Write("seg", segmentationValues), block, ignoreBackground);
        Assert.Equal("seg-evaluate", task.Name);
        Assert.Equal("evaluate", task.ToConfig()!["task_type"]!.GetValue<string>());

        var result = Runner.Run(task, Options(mode));
        Assert.True(result.Succeeded, result.Summary);

        var results = Evaluate.ReadResults(task.ResultsFile);
        AssertScores(Skimage(truthValues, segmentationValues, ignoreBackground), results);
        long voxels = Shape[0] * Shape[1] * Shape[2];
        Assert.Equal(voxels, results.Voxels);
        Assert.Equal(ignoreBackground ? truthValues.LongCount(v => v != 0) : voxels, results.EvaluatedVoxels);
        Assert.Equal(ignoreBackground, results.IgnoreBackground);
        Assert.Equal(result[task.Name].Total, results.Blocks);
        Assert.Equal(ignoreBackground ? 6 : 7, results.GroundTruthLabels);
    }

    [Fact]
    public void AKilledRunResumesFromTheStoredBlockTables()
    {
        var truthValues = RandomLabels(8, 5);
        var segmentationValues = RandomLabels(9, 5);
        var task = Task(Write("gt", truthValues), Write("seg", segmentationValues), [3, 5, 4]);
        var expected = Skimage(truthValues, segmentationValues, ignoreBackground: true);

        // A first worker got through some blocks, then died while writing one (its temporary file stays behind).
        task.Init();
        var grid = new BlockGrid(task.Name, task.Layout);
        using (var processor = task.CreateProcessor(worker: 0))
        {
            for (long i = 0; i < grid.BlockCount; i += 2)
            {
                processor.Process(grid.CreateBlock(i));
            }
        }

        File.WriteAllBytes(Path.Combine(task.BlocksDirectory, $"{grid.BlockId(1)}.table.999.1.tmp"), [1, 2, 3]);
        Assert.False(File.Exists(task.ResultsFile));

        var options = Options(ExecutionMode.Threads);
        Assert.True(Runner.Run(task, options).Succeeded);
        AssertScores(expected, Evaluate.ReadResults(task.ResultsFile));

        // Every block done but the results lost: the rerun merges the stored tables in Init.
        File.Delete(task.ResultsFile);
        var rerun = Runner.Run(task, options);
        Assert.True(rerun.Succeeded);
        Assert.Equal(rerun[task.Name].Total, rerun[task.Name].Skipped);
        AssertScores(expected, Evaluate.ReadResults(task.ResultsFile));

        Runner.Drop(task, options.LogDirectory);
        Assert.False(File.Exists(task.ResultsFile));
        Assert.False(Directory.Exists(task.BlocksDirectory));
    }

    [Fact]
    public void ACorruptBlockTableIsReportedByName()
    {
        string path = temp.Combine("bad.table");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
        var error = Assert.Throws<InvalidDataException>(() => ContingencyTableFile.ReadInto(path, new ContingencyTable()));
        Assert.Contains(path, error.Message);
    }
}
