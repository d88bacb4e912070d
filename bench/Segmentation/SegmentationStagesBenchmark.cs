using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Segmentation;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Where the CREMI-configured pipeline's time goes (<see cref="CremiPipeline"/> on a <see cref="CremiLikeVolume"/>):
/// ExtractFrags' and AffAgglom's blocks replayed on one thread, split into Zarr read (decode + padding), mutex
/// watershed (randomized-stride edges, sort, clustering), remove_debris, crop + connected components + node
/// measurement, fragment write, and AffAgglom's scoring; what the runner rows of
/// <see cref="SegmentationPipelineBenchmark"/> cost beyond these is the graph database and the engine. Rows are
/// Mvoxels (written) per processor-second of this thread.
/// </summary>
public sealed class SegmentationStagesBenchmark : IBenchmark
{
    private static readonly int[][] Groups = [[0], [1, 2], [3, 4, 5, 6, 7, 8]];

    public string Name => "segmentation stages";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        var volume = settings.Quick ? CremiLikeVolume.Create(32, 320, 320, 120, 5) : CremiLikeVolume.Create(64, 480, 480, 400, 5);
        string directory = Path.Combine(settings.WorkDirectory, "stages");
        var pipeline = CremiPipeline.Create(volume, Path.Combine(directory, "volume.zarr"), Environment.ProcessorCount);
        string logs = Path.Combine(directory, "logs");
        var options = new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = logs, ShowProgress = false, PrintSummary = false };
        Runner.Drop(pipeline.Pipeline, logs);
        if (!Runner.Run(pipeline.ExtractFrags, options).Succeeded)
        {
            throw new InvalidOperationException($"{Name}: extract-frags failed");
        }

        var stages = new List<(string Stage, double Seconds)>();
        for (int repeat = 0; repeat < Math.Max(1, Math.Min(settings.Repeats, 2)); repeat++)
        {
            var times = Replay(pipeline, volume.Shape);
            if (stages.Count == 0)
            {
                stages.AddRange(times);
            }
            else
            {
                for (int i = 0; i < stages.Count; i++)
                {
                    stages[i] = (stages[i].Stage, Math.Min(stages[i].Seconds, times[i].Seconds));
                }
            }
        }

        var contextReads = new List<BenchmarkResult>();
        double voxels = volume.Voxels / 1e6;
        foreach (var (label, task, context) in new (string, Runtime.Engine.IBlockwiseTask, Coordinate)[]
        {
            ("extract-frags (affs)", pipeline.ExtractFrags, CremiPipeline.ExtractContext),
            ("aff-agglom (affs, fragments)", pipeline.AffAgglom, CremiPipeline.AgglomContext),
        })
        {
            var arrays = task.DatasetPorts.Where(p => !p.IsOutput).Select(p => p.Dataset.Array()).ToList();
            long budget = Runtime.Engine.ChunkCacheBudget.Needed(task);
            var without = ReplayContextReads(arrays, volume.Shape, context, 0);
            var with = ReplayContextReads(arrays, volume.Shape, context, budget);
            Console.Error.WriteLine(
                $"  context reads, {label}: {without.Seconds:0.000} s without a chunk cache, {with.Seconds:0.000} s with {budget >> 20} MiB " +
                $"({with.Hits} chunk reads served, {with.Misses} decoded; processor time of all threads)");
            contextReads.Add(new BenchmarkResult($"CREMI-like context reads, {label}, decoded-chunk cache {budget >> 20} MiB", "Mvox/s", voxels / with.Seconds, voxels / without.Seconds, "no cache"));
        }

        Directory.Delete(directory, recursive: true);
        double mega = volume.Voxels / 1e6;
        Console.Error.WriteLine($"  CREMI-like {string.Join('x', volume.Shape)}; processor-seconds of one thread per stage:");
        foreach (var (stage, seconds) in stages)
        {
            Console.Error.WriteLine($"    {stage,-44} {seconds,8:0.000} s  {mega / seconds,9:0.00} Mvox/s");
        }

        return [.. stages.Select(s => new BenchmarkResult($"CREMI-like replay: {s.Stage}, 1 core", "Mvox/s", mega / s.Seconds, 0, "")), .. contextReads];
    }

    /// <summary>
    /// Every block's read region (write region grown by <paramref name="context"/>, in grid order as workers get them)
    /// read from each array, best of two, with a decoded-chunk cache of <paramref name="cacheBytes"/>; processor time of
    /// the whole process, since a read decodes its chunks on all cores.
    /// </summary>
    private static (double Seconds, long Hits, long Misses) ReplayContextReads(IReadOnlyList<VolumeArray> arrays, int[] shape, Coordinate context, long cacheBytes)
    {
        var voxelSize = CremiPipeline.VoxelSize;
        double best = double.PositiveInfinity;
        (long Hits, long Misses) counts = default;
        for (int repeat = 0; repeat < 2; repeat++)
        {
            Runtime.Storage.Zarr.DecodedChunkCache.Clear();
            Runtime.Storage.Zarr.DecodedChunkCache.SetCapacity(cacheBytes);
            var before = Runtime.Storage.Zarr.DecodedChunkCache.Counts;
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var start = process.TotalProcessorTime;
            foreach (var write in WriteRois(shape))
            {
                var read = write.Grow(context * voxelSize, context * voxelSize);
                foreach (var array in arrays)
                {
                    var buffer = new byte[array.ElementCount(read) * array.DataType.Size];
                    array.Read(read, buffer);
                }
            }

            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - start).TotalSeconds);
            var after = Runtime.Storage.Zarr.DecodedChunkCache.Counts;
            counts = (after.Hits - before.Hits, after.Misses - before.Misses);
        }

        Runtime.Storage.Zarr.DecodedChunkCache.SetCapacity(0);
        return (best, counts.Hits, counts.Misses);
    }

    private static List<(string Stage, double Seconds)> Replay(Runtime.Tasks.SegmentationPipeline pipeline, int[] shape)
    {
        var voxelSize = CremiPipeline.VoxelSize;
        var affs = pipeline.ExtractFrags.AffsData.Untyped.Array();
        var frags = VolumeArray.Open(pipeline.ExtractFrags.FragsData.Store, AccessMode.ReadWrite);
        var offsets = CremiLikeVolume.Offsets;
        var blockSize = CremiPipeline.BlockSize;
        var settings = new ExtractFragsSettings
        {
            Offsets = offsets,
            Bias = CremiLikeVolume.Bias,
            Strides = CremiLikeVolume.Strides,
            RandomizedStrides = true,
            RemoveDebris = 64,
            IdsPerBlock = (ulong)blockSize.Product()!.Value,
        };

        double readAffs = 0, mws = 0, debris = 0, components = 0, writeFrags = 0, readFrags = 0, readAgglomAffs = 0, score = 0;
        ulong blockId = 0;
        foreach (var write in WriteRois(shape))
        {
            var read = write.Grow(CremiPipeline.ExtractContext * voxelSize, CremiPipeline.ExtractContext * voxelSize); // zero-padded at the border, as the runner reads
            var readGrid = VoxelGrid.Of(read.Shape / voxelSize);
            var writeGrid = VoxelGrid.Of(write.Shape / voxelSize);
            var start = (write.Offset - read.Offset) / voxelSize;
            int[] writeOffset = [.. start.ToLongArray().Select(v => (int)v)];
            var affBuffer = new byte[offsets.Count * readGrid.VoxelCount];
            var labels = new ulong[readGrid.VoxelCount];
            var written = new ulong[writeGrid.VoxelCount];
            ulong id = blockId++;

            readAffs += ThreadCpuClock.BestSeconds(1, () => affs.Read<byte>(read, affBuffer));
            mws += ThreadCpuClock.BestSeconds(1, () => MutexWatershed.Agglomerate(
                (ReadOnlySpan<byte>)affBuffer, readGrid.Shape, offsets, CremiLikeVolume.Bias, labels, default,
                new MutexWatershedOptions { Strides = settings.Strides, RandomizedStrides = true, RandomSeed = ExtractFragsKernel.BlockSeed(id) }));
            debris += ThreadCpuClock.BestSeconds(1, () => FragmentFilters.RemoveDebris(labels, settings.RemoveDebris));
            components += ThreadCpuClock.BestSeconds(1, () => ExtractFragsKernel.Run<byte>(affBuffer, default, readGrid, writeOffset, writeGrid, settings, id, written))
                - ThreadCpuClock.BestSeconds(1, () => MutexWatershed.Agglomerate(
                    (ReadOnlySpan<byte>)affBuffer, readGrid.Shape, offsets, CremiLikeVolume.Bias, labels, default,
                    new MutexWatershedOptions { Strides = settings.Strides, RandomizedStrides = true, RandomSeed = ExtractFragsKernel.BlockSeed(id) }))
                - ThreadCpuClock.BestSeconds(1, () => FragmentFilters.RemoveDebris(labels, settings.RemoveDebris));
            writeFrags += ThreadCpuClock.BestSeconds(1, () => frags.Write<ulong>(write, written));

            var agglomRead = write.Grow(CremiPipeline.AgglomContext * voxelSize, CremiPipeline.AgglomContext * voxelSize);
            var agglomGrid = VoxelGrid.Of(agglomRead.Shape / voxelSize);
            var agglomAffs = new byte[offsets.Count * agglomGrid.VoxelCount];
            var agglomFrags = new ulong[agglomGrid.VoxelCount];
            readFrags += ThreadCpuClock.BestSeconds(1, () => frags.Read<ulong>(agglomRead, agglomFrags));
            readAgglomAffs += ThreadCpuClock.BestSeconds(1, () => affs.Read<byte>(agglomRead, agglomAffs));
            score += ThreadCpuClock.BestSeconds(1, () => AffAgglomKernel.Score<byte>(agglomAffs, agglomFrags, agglomGrid, offsets, Groups, 1.0 / 255));
        }

        return
        [
            ("extract-frags: read affs (Zarr)", readAffs),
            ("extract-frags: mutex watershed", mws),
            ("extract-frags: remove_debris", debris),
            ("extract-frags: crop, components, nodes", components),
            ("extract-frags: write fragments (Zarr)", writeFrags),
            ("aff-agglom: read fragments (Zarr)", readFrags),
            ("aff-agglom: read affs (Zarr)", readAgglomAffs),
            ("aff-agglom: scoring", score),
        ];
    }

    /// <summary>Each block's write ROI (world units, clipped to the volume) in grid order, the last axis fastest, as workers get them.</summary>
    private static IEnumerable<Roi> WriteRois(int[] shape)
    {
        var voxelSize = CremiPipeline.VoxelSize;
        var blockSize = CremiPipeline.BlockSize;
        var total = new Roi(Coordinate.Filled(3, 0), new Coordinate(shape[0], shape[1], shape[2]) * voxelSize);
        for (long z = 0; z < shape[0]; z += blockSize.ValueAt(0))
        {
            for (long y = 0; y < shape[1]; y += blockSize.ValueAt(1))
            {
                for (long x = 0; x < shape[2]; x += blockSize.ValueAt(2))
                {
                    yield return new Roi(new Coordinate(z, y, x) * voxelSize, blockSize * voxelSize).Intersect(total);
                }
            }
        }
    }
}
