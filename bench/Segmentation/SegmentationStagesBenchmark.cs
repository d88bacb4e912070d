using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Where the README pipeline's time goes: each task run alone through the runner (threads, processor seconds of the
/// whole process), then ExtractFrags' and AffAgglom's blocks replayed on one thread split into Zarr read (decode +
/// padding), kernel and fragment write; what a task costs beyond that is the graph database and the engine. Same
/// volume as <see cref="SegmentationPipelineBenchmark"/>. Rows are Mvoxels (written) per processor-second.
/// </summary>
public sealed class SegmentationStagesBenchmark : IBenchmark
{
    public string Name => "segmentation stages";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [45, 240, 240] : [90, 480, 480];
        string directory = Path.Combine(settings.WorkDirectory, "stages");
        string container = Path.Combine(directory, "volume.zarr");
        long[] shapeLong = [.. shape];
        var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
        var truth = VoronoiLabels.Create(shapeLong, [30, 60, 60], seed: 3);
        var affinities = SyntheticAffinities.Noisy(truth, neighborhood, boundaryWidth: 0.05, boundaryDrop: 0.2, noise: 0.08, seed: 3);
        var voxelSize = new Coordinate(8, 8, 8);
        var (_, affs) = SyntheticDataset.Write(container, truth.Labels, affinities, shapeLong, neighborhood, voxelSize, [45, 120, 120]);
        var db = new SqliteGraphConfig { Path = Path.Combine(container, "db.sqlite") };
        var pipeline = SegmentationPipeline.Readme(affs, db, container, workers: Environment.ProcessorCount);
        string logs = Path.Combine(directory, "logs");
        var options = new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = logs, ShowProgress = false, PrintSummary = false };
        Runner.Drop(pipeline.Pipeline, logs);

        double mega = (double)shape[0] * shape[1] * shape[2] / 1e6;
        var stages = new List<(string Stage, double Seconds)>();
        void RunTask(IBlockwiseTask task) => stages.Add((task.GetType().Name + " (runner)", CpuTiming.BestSeconds(1, () =>
        {
            var result = Runner.Run(task, options);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{Name}: {task.Name} failed:\n{result.Summary}");
            }
        })));

        RunTask(pipeline.ExtractFrags);
        RunTask(pipeline.AffAgglom);
        RunTask(pipeline.GraphMws);
        RunTask(pipeline.Relabel);
        double total = stages.Sum(s => s.Seconds);

        stages.AddRange(ReplayBlocks(pipeline, shapeLong, voxelSize));
        Directory.Delete(directory, recursive: true);

        Console.Error.WriteLine($"  {mega:0.0} Mvoxels; processor-seconds per stage:");
        foreach (var (stage, seconds) in stages)
        {
            Console.Error.WriteLine($"    {stage,-40} {seconds,8:0.000} s  {mega / seconds,8:0.00} Mvox/s");
        }

        return [new BenchmarkResult("README pipeline, tasks run one by one, per core", "Mvox/s", mega / total, 0.08, "volara README run, per worker (published)")];
    }

    /// <summary>The blocks of ExtractFrags and AffAgglom on this thread, split into read, kernel and write.</summary>
    private static List<(string Stage, double Seconds)> ReplayBlocks(SegmentationPipeline pipeline, long[] shape, Coordinate voxelSize)
    {
        var blockSize = SegmentationPipeline.ReadmeBlockSize;
        var context = SegmentationPipeline.ReadmeContext;
        var affs = pipeline.ExtractFrags.AffsData.Untyped.Array();
        var frags = VolumeArray.Open(pipeline.ExtractFrags.FragsData.Store, AccessMode.ReadWrite);
        var offsets = SegmentationPipeline.ReadmeNeighborhood;
        var blocks = new List<(Roi Read, Roi Write)>();
        for (long z = 0; z < shape[0]; z += blockSize.ValueAt(0))
        {
            for (long y = 0; y < shape[1]; y += blockSize.ValueAt(1))
            {
                for (long x = 0; x < shape[2]; x += blockSize.ValueAt(2))
                {
                    var write = new Roi(new Coordinate(z, y, x) * voxelSize, blockSize * voxelSize);
                    blocks.Add((write.Grow(context * voxelSize, context * voxelSize), write));
                }
            }
        }

        var settings = new ExtractFragsSettings
        {
            Offsets = offsets,
            Bias = [.. offsets.Select((_, i) => i < 3 ? -0.4 : -0.7)],
            IdsPerBlock = (ulong)blockSize.Product()!.Value,
        };
        int[][] groups = [[0, 1, 2], [3, 4, 5, 6, 7, 8]];
        var readShape = (blockSize + context + context).ToLongArray();
        int readVoxels = (int)(readShape[0] * readShape[1] * readShape[2]);
        int writeVoxels = (int)blockSize.Product()!.Value;
        var affBuffer = new byte[offsets.Count * readVoxels];
        var fragBuffer = new ulong[readVoxels];
        var written = blocks.Select(_ => new ulong[writeVoxels]).ToArray();
        var readGrid = new VoxelGrid([.. readShape.Select(v => (int)v)]);
        var writeGrid = new VoxelGrid([.. blockSize.ToLongArray().Select(v => (int)v)]);
        int[] writeOffset = [.. context.ToLongArray().Select(v => (int)v)];

        double readAffs = 0, extract = 0, writeFrags = 0, readFrags = 0, score = 0;
        for (int b = 0; b < blocks.Count; b++)
        {
            var (read, write) = blocks[b];
            readAffs += CpuTiming.BestSeconds(1, () => affs.Read<byte>(read, affBuffer));
            extract += CpuTiming.BestSeconds(1, () => ExtractFragsKernel.Run<byte>(affBuffer, default, readGrid, writeOffset, writeGrid, settings, (ulong)b, written[b]));
            writeFrags += CpuTiming.BestSeconds(1, () => frags.Write<ulong>(write, written[b]));
            readFrags += CpuTiming.BestSeconds(1, () => frags.Read<ulong>(read, fragBuffer));
            score += CpuTiming.BestSeconds(1, () => AffAgglomKernel.Score<byte>(affBuffer, fragBuffer, readGrid, offsets, groups, 1.0 / 255));
        }

        return
        [
            ("extract-frags: read affs (Zarr)", readAffs),
            ("extract-frags: kernel", extract),
            ("extract-frags: write fragments (Zarr)", writeFrags),
            ("aff-agglom: read fragments (Zarr)", readFrags),
            ("aff-agglom: read affs (Zarr, again)", readAffs),
            ("aff-agglom: kernel", score),
        ];
    }
}
