using System.Globalization;
using System.Text.RegularExpressions;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
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
/// A worker's memory must not grow with the blocks it has done: one worker process per task runs the segmentation
/// pipeline's blockwise tasks over 240 blocks each, and its peak resident memory at the end must be that of its first
/// tenth of the blocks, give or take the noise of a managed heap. Memory only — nothing here is timed.
/// </summary>
public sealed partial class WorkerMemoryTests : IDisposable
{
    private const int BlocksPerAxisZ = 4, BlocksPerAxisY = 6, BlocksPerAxisX = 10;
    private const long RuntimeWarmUp = 64L << 20;
    private static readonly int[] Block = [12, 40, 40];

    private readonly TempDirectory temp = new();

    public WorkerMemoryTests() =>
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions { WorkerCommand = TestWorkerProgram.Command });

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AWorkersPeakMemoryAfterItsLastBlockIsThatAfterItsFirstTenth()
    {
        long[] shape = [Block[0] * BlocksPerAxisZ, Block[1] * BlocksPerAxisY, Block[2] * BlocksPerAxisX];
        var truth = VoronoiLabels.Create(shape, [12, 30, 30], seed: 3);
        var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
        var affinities = SyntheticAffinities.Noisy(truth, neighborhood, boundaryWidth: 0.05, boundaryDrop: 0.2, noise: 0.08, seed: 3);
        string container = temp.Combine("volume.zarr");
        var (_, affs) = SyntheticDataset.Write(container, truth.Labels, affinities, shape, neighborhood, new Coordinate(8, 8, 8), Block);
        var pipeline = SegmentationPipeline.Readme(
            affs, new SqliteGraphConfig { Path = Path.Combine(container, "db.sqlite") }, container,
            new Coordinate(Block[0], Block[1], Block[2]), new Coordinate(6, 12, 12), workers: 1);
        string logs = temp.Combine("logs");

        var result = Runner.Run(pipeline.Pipeline, new RunOptions
        {
            Mode = ExecutionMode.Processes, LogDirectory = logs, Progress = new StringWriter(), RedrawProgress = false,
        });

        Assert.True(result.Succeeded, result.Summary);
        Assert.Contains("peak memory per worker:", result.Summary, StringComparison.Ordinal);
        foreach (var task in new IBlockwiseTask[] { pipeline.ExtractFrags, pipeline.AffAgglom, pipeline.Relabel })
        {
            var outcome = result.Tasks.Single(t => t.Name == task.Name);
            Assert.Equal(BlocksPerAxisZ * BlocksPerAxisY * BlocksPerAxisX, outcome.Total);
            long final = outcome.PeakWorkerMemoryBytes ?? throw new InvalidOperationException($"task '{task.Name}' reported no peak memory");
            string workerLog = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(TaskPaths.WorkerLog(logs, task.Name, 0))!, "worker_*.log"));
            long early = PeakAfter(workerLog, outcome.Total / 10);

            // The log records the peak each time it grows by a tenth, so the peak after the first tenth may be up to a
            // tenth above the logged one. On top of that the runtime warms up for a while — tiered JIT, the managed
            // heap's budgets, SQLite's page cache — which measured 30–40 MiB over the first 70 blocks and then stops.
            Assert.True(
                final <= (long)(early * 1.1 * 1.25) + RuntimeWarmUp,
                $"task '{task.Name}': peak resident memory {final >> 20} MiB after {outcome.Total} blocks, {early >> 20} MiB after the first {outcome.Total / 10}; " +
                string.Join("; ", PeakLine().Matches(File.ReadAllText(workerLog)).Select(m => m.Value)));
        }
    }

    /// <summary>The last peak a worker logged by the time it had done <paramref name="blocks"/> blocks.</summary>
    private static long PeakAfter(string workerLog, long blocks)
    {
        long peak = 0;
        foreach (Match match in PeakLine().Matches(File.ReadAllText(workerLog)))
        {
            if (long.Parse(match.Groups["blocks"].Value, CultureInfo.InvariantCulture) <= blocks)
            {
                peak = long.Parse(match.Groups["mib"].Value, CultureInfo.InvariantCulture) << 20;
            }
        }

        Assert.True(peak > 0, $"{workerLog} logs no peak memory within its first {blocks} blocks");
        return peak;
    }

    [GeneratedRegex(@"peak resident memory (?<mib>\d+) MiB after (?<blocks>\d+) blocks")]
    private static partial Regex PeakLine();
}
