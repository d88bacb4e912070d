using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Evaluation;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Engine.Workers;
using Volara.Runtime.Tests.Support;
using Volara.Workers;
using Xunit;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>
/// The seed README pipeline end to end: noise-free affinities of a known labelling must segment back to exactly that
/// labelling (as a partition), whatever the block size, context, database and execution mode.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SegmentationPipelineTests(PostgresServer postgres) : IDisposable
{
    private static readonly long[] Shape = [24, 36, 36];
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A guillotine partition into boxes (at least 3 voxels per axis) with large, scattered ids.</summary>
    internal static ulong[] BoxLabels(long[] shape, int seed)
    {
        var random = new Random(seed);
        int depth = (int)shape[0], height = (int)shape[1], width = (int)shape[2];
        var labels = new ulong[depth * height * width];
        foreach (var (z0, z1) in Cuts(random, depth))
        {
            foreach (var (y0, y1) in Cuts(random, height))
            {
                foreach (var (x0, x1) in Cuts(random, width))
                {
                    ulong id = 4_000_000_000UL + (ulong)random.NextInt64(1, 1L << 40);
                    for (int z = z0; z < z1; z++)
                    {
                        for (int y = y0; y < y1; y++)
                        {
                            labels.AsSpan((z * height + y) * width + x0, x1 - x0).Fill(id);
                        }
                    }
                }
            }
        }

        return labels;
    }

    private static List<(int Begin, int End)> Cuts(Random random, int length)
    {
        var cuts = new List<(int, int)>();
        int begin = 0;
        while (begin < length)
        {
            int end = Math.Min(length, begin + random.Next(3, 15));
            if (length - end < 3)
            {
                end = length;
            }

            cuts.Add((begin, end));
            begin = end;
        }

        return cuts;
    }

    private Affs WriteVolume(ulong[] truth)
    {
        var affinities = SyntheticAffinities.Exact(truth, Shape, SegmentationPipeline.ReadmeNeighborhood);
        var (_, affs) = SyntheticDataset.Write(temp.Combine("volume.zarr"), truth, affinities, Shape, SegmentationPipeline.ReadmeNeighborhood, new Coordinate(4, 4, 4), [12, 12, 12]);
        return affs;
    }

    private static void AssertSamePartition(ulong[] truth, ulong[] segments)
    {
        var forward = new Dictionary<ulong, ulong>();
        var backward = new Dictionary<ulong, ulong>();
        for (int i = 0; i < truth.Length; i++)
        {
            Assert.NotEqual(0UL, segments[i]);
            if (forward.TryGetValue(truth[i], out var segment))
            {
                Assert.True(segment == segments[i], $"voxel {i}: ground truth {truth[i]} is split into segments {segment} and {segments[i]}");
            }
            else
            {
                forward[truth[i]] = segments[i];
            }

            if (backward.TryGetValue(segments[i], out var label))
            {
                Assert.True(label == truth[i], $"voxel {i}: segment {segments[i]} merges ground truth {label} and {truth[i]}");
            }
            else
            {
                backward[segments[i]] = truth[i];
            }
        }
    }

    private RunOptions Options(ExecutionMode mode, string logs = "logs") => new()
    {
        Mode = mode,
        LogDirectory = temp.Combine(logs),
        Progress = new StringWriter(),
        RedrawProgress = false,
    };

    private GraphDatabaseConfig Database(bool onPostgres) => onPostgres
        ? PostgresGraphConfig.FromConnectionString(postgres.ConnectionStringFor(PostgresServer.NewDatabaseName()))
        : new SqliteGraphConfig { Path = temp.Combine("volume.zarr", "db.sqlite") };

    [Theory]
    [InlineData(false, 24, 36, 36, 0, 0, 0, 1)]
    [InlineData(false, 12, 12, 12, 4, 8, 8, 2)]
    [InlineData(false, 7, 10, 13, 1, 1, 1, 3)]
    [InlineData(true, 12, 18, 18, 2, 4, 4, 4)]
    [InlineData(true, 8, 36, 9, 8, 16, 16, 5)]
    public void NoiseFreeAffinitiesSegmentBackToTheGroundTruth(bool onPostgres, int bz, int by, int bx, int cz, int cy, int cx, int seed)
    {
        var truth = BoxLabels(Shape, seed);
        var affs = WriteVolume(truth);
        var pipeline = SegmentationPipeline.Readme(affs, Database(onPostgres), temp.Combine("volume.zarr"), new Coordinate(bz, by, bx), new Coordinate(cz, cy, cx), workers: 2);

        var result = Runner.Run(pipeline.Pipeline, Options(ExecutionMode.Threads));
        Assert.True(result.Succeeded, result.Summary);
        var segments = pipeline.Relabel.SegData.Array().ReadAll<ulong>().ToArray();
        AssertSamePartition(truth, segments);

        var scores = BlockwiseEvaluation.Evaluate(pipeline.Relabel.SegData.Array(), VolumeArray.Open(temp.Combine("volume.zarr", "gt")), new Coordinate(10, 10, 10));
        Assert.Equal((0.0, 0.0, 0.0), (Math.Round(scores.VoiSplit, 12), Math.Round(scores.VoiMerge, 12), Math.Round(scores.AdaptedRandError, 12)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WorkerProcessesKilledMidRunAndAResumedRunGiveTheSameSegmentation(bool onPostgres)
    {
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });
        var truth = BoxLabels(Shape, 11);
        var affs = WriteVolume(truth);
        var pipeline = SegmentationPipeline.Readme(affs, Database(onPostgres), temp.Combine("volume.zarr"), new Coordinate(12, 18, 18), new Coordinate(2, 4, 4), workers: 2);
        var options = Options(ExecutionMode.Processes);

        // Kill the first worker process seen; its block is retried by a fresh worker.
        var run = Task.Run(() => Runner.Run(pipeline.Pipeline, options));
        int killed = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (killed == 0 && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            foreach (var pid in WorkerProcesses.WithArgument(options.LogDirectory))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                    killed++;
                    break;
                }
                catch (ArgumentException)
                {
                }
            }

            await Task.Delay(20);
        }

        var result = await run.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(1, killed);
        Assert.True(result.Succeeded, result.Summary);
        var first = pipeline.Relabel.SegData.Array().ReadAll<ulong>().ToArray();
        AssertSamePartition(truth, first);

        // A rerun resumes: every block is already done and the segmentation stays as it is.
        var rerun = Runner.Run(pipeline.Pipeline, options);
        Assert.True(rerun.Succeeded, rerun.Summary);
        Assert.All(rerun.Tasks, t => Assert.Equal(t.Total, t.Skipped));
        Assert.Equal(first, pipeline.Relabel.SegData.Array().ReadAll<ulong>().ToArray());
        Assert.Empty(WorkerProcesses.WithArgument(options.LogDirectory));
    }
}
