using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Luts;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;

namespace Volara.Bench.Segmentation;

/// <summary>
/// The seed README's pipeline (extract_frags + aff_agglom + graph_mws + relabel, SQLite graph) end to end on a
/// synthetic uint8 volume (the quickstart's Voronoi cells and noisy affinities), run on threads: voxels per processor-second of the whole process (all threads, Zarr
/// and SQLite included), i.e. per core. The peer figure is volara's own README run as published (≈ 0.08 Mvoxels/s
/// per worker). Also GraphMWS alone, in graph edges per processor-second (database read, scoring, clustering).
/// </summary>
public sealed class SegmentationPipelineBenchmark : IBenchmark
{
    public string Name => "segmentation pipeline";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [45, 240, 240] : [90, 480, 480];
        string directory = Path.Combine(settings.WorkDirectory, "pipeline");
        string container = Path.Combine(directory, "volume.zarr");
        long[] shapeLong = [.. shape];
        // Cells and noise as in the quickstart: neuron-sized objects, so fragment and edge counts are realistic.
        var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
        var truth = VoronoiLabels.Create(shapeLong, [30, 60, 60], seed: 3);
        var affinities = SyntheticAffinities.Noisy(truth, neighborhood, boundaryWidth: 0.05, boundaryDrop: 0.2, noise: 0.08, seed: 3);
        var (_, affs) = SyntheticDataset.Write(container, truth.Labels, affinities, shapeLong, neighborhood, new Coordinate(8, 8, 8), [45, 120, 120]);
        var db = new SqliteGraphConfig { Path = Path.Combine(container, "db.sqlite") };
        var pipeline = SegmentationPipeline.Readme(affs, db, container, workers: Environment.ProcessorCount);
        string logs = Path.Combine(directory, "logs");
        var options = new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = logs, ShowProgress = false, PrintSummary = false };

        double seconds = CpuTiming.BestSeconds(1, () =>
        {
            Runner.Drop(pipeline.Pipeline, logs);
            var result = Runner.Run(pipeline.Pipeline, options);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{Name}: the pipeline failed:\n{result.Summary}");
            }
        });

        long edges;
        using (var graph = pipeline.GraphMws.Db.Open(GraphOpenMode.Read))
        {
            edges = graph.ReadAllEdges().Count;
        }

        FragmentSegmentLut? lut = null;
        double graphSeconds = CpuTiming.BestSeconds(settings.Repeats, () => lut = pipeline.GraphMws.Compute());
        Directory.Delete(directory, recursive: true);

        double mega = (double)shape[0] * shape[1] * shape[2] / 1e6;
        Console.Error.WriteLine($"  {mega:0.0} Mvoxels: pipeline {seconds:0.00} processor-s; graph {edges} edges, {lut!.Count} fragments → {lut.Segments.Distinct().Count()} segments, GraphMWS {graphSeconds:0.000} processor-s");
        return
        [
            new BenchmarkResult("README pipeline end to end, per core", "Mvox/s", mega / seconds, 0.08, "volara README run, per worker (published)"),
            new BenchmarkResult("GraphMWS (read, score, cluster), per core", "edges/s", edges / graphSeconds, 0, ""),
        ];
    }
}
