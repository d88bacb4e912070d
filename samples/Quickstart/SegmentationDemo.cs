using System.Diagnostics;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Evaluation;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Workers;

namespace Volara.Samples.Quickstart;

/// <summary>
/// volara's main job on a synthetic volume: a known Voronoi segmentation and its noisy 9-channel affinities (the seed
/// README's neighbourhood), segmented by <c>extract_frags + aff_agglom + graph_mws + relabel</c> with the README's
/// block size, context, biases and scores in worker processes, then scored against the ground truth blockwise.
/// </summary>
public static class SegmentationDemo
{
    /// <param name="arguments"><c>DIRECTORY [--postgres CONNECTION-STRING] [--workers N]</c></param>
    public static int Run(string[] arguments)
    {
        string directory = arguments.Length > 0 && !arguments[0].StartsWith("--", StringComparison.Ordinal) ? arguments[0] : "quickstart-output";
        string? postgres = Option(arguments, "--postgres");
        int workers = int.Parse(Option(arguments, "--workers") ?? "2", System.Globalization.CultureInfo.InvariantCulture);
        string container = Path.Combine(Path.GetFullPath(directory), "segmentation.zarr");
        string logs = Path.Combine(Path.GetFullPath(directory), "segmentation-logs");

        // Two README blocks along each axis; cells of about 30×60×60 voxels (8 nm isotropic).
        long[] shape = [90, 240, 240];
        var clock = Stopwatch.StartNew();
        var truth = VoronoiLabels.Create(shape, [30, 60, 60], seed: 7);
        var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
        var affinities = SyntheticAffinities.Noisy(truth, neighborhood, boundaryWidth: 0.05, boundaryDrop: 0.2, noise: 0.08, seed: 7);
        var (groundTruth, affs) = SyntheticDataset.Write(container, truth.Labels, affinities, shape, neighborhood, new Coordinate(8, 8, 8), [45, 120, 120]);
        Console.WriteLine($"wrote {groundTruth.Store} ({truth.CellCount} Voronoi cells) and {affs.Store} (9 uint8 channels, noise ±0.08): " +
            $"{string.Join('x', shape)} voxels in {clock.Elapsed.TotalSeconds:F1} s");

        GraphDatabaseConfig db = postgres is null
            ? new SqliteGraphConfig { Path = Path.Combine(container, "db.sqlite") }
            : PostgresGraphConfig.FromConnectionString(postgres);
        var pipeline = SegmentationPipeline.Readme(affs, db, container, workers: workers);
        Console.WriteLine($"graph: {(postgres is null ? "SQLite " + Path.Combine(container, "db.sqlite") : "PostgreSQL database " + ((PostgresGraphConfig)db).Name)}; " +
            $"block size {SegmentationPipeline.ReadmeBlockSize}, context {SegmentationPipeline.ReadmeContext} voxels, {workers} worker processes per task");

        // Start from scratch: outputs, block tracking and the graph (a PostgreSQL database may hold an earlier run).
        Runner.Drop(pipeline.Pipeline, logs);
        ProcessExecutor.RegisterWithRunner();
        clock.Restart();
        var result = Runner.Run(pipeline.Pipeline, new RunOptions { Mode = ExecutionMode.Processes, LogDirectory = logs });
        double seconds = clock.Elapsed.TotalSeconds;
        if (!result.Succeeded)
        {
            Console.Error.WriteLine("the segmentation pipeline failed; see the summary above");
            return 1;
        }

        long voxels = shape[0] * shape[1] * shape[2];
        var lut = pipeline.GraphMws.Lut.Load()!;
        Console.WriteLine($"segmented {voxels / 1e6:F1} Mvoxels in {seconds:F1} s ({voxels / 1e6 / seconds:F2} Mvoxels/s end to end): " +
            $"{lut.Count} fragments in the graph agglomerated into {lut.Segments.Distinct().Count()} segments");

        clock.Restart();
        var scores = BlockwiseEvaluation.Evaluate(pipeline.Relabel.SegData.Array(), groundTruth.Array(), SegmentationPipeline.ReadmeBlockSize);
        Console.WriteLine($"against the ground truth (blockwise, {clock.Elapsed.TotalSeconds:F1} s): {scores}");
        return 0;
    }

    private static string? Option(string[] arguments, string name)
    {
        int index = Array.IndexOf(arguments, name);
        return index >= 0 && index + 1 < arguments.Length ? arguments[index + 1] : null;
    }
}
