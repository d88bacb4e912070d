// volara's segmentation pipeline as a program: `dotnet run [-- DIRECTORY] [--workers N]`.
// It writes a synthetic ground truth (Voronoi cells) and its noisy affinities, segments them with
// extract_frags + aff_agglom + graph_mws + relabel (the volara README's block size, context, biases and scores) in
// worker processes on an SQLite graph, and scores the segmentation against the ground truth.
// For your own data: open your affinities with `new Affs { Store = "your.zarr/affs", Neighborhood = ... }`.
using System.Globalization;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Evaluation;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Workers;

// A program whose tasks run in worker processes serves as its own worker.
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

string directory = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "output");
int workers = Array.IndexOf(args, "--workers") is int at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 2;
string container = Path.Combine(directory, "segmentation.zarr");

long[] shape = [90, 240, 240];
var truth = VoronoiLabels.Create(shape, [30, 60, 60], seed: 7);
var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
var affinities = SyntheticAffinities.Noisy(truth, neighborhood, boundaryWidth: 0.05, boundaryDrop: 0.2, noise: 0.08, seed: 7);
var (groundTruth, affs) = SyntheticDataset.Write(container, truth.Labels, affinities, shape, neighborhood, new Coordinate(8, 8, 8), [45, 120, 120]);

var pipeline = SegmentationPipeline.Readme(affs, new SqliteGraphConfig { Path = Path.Combine(container, "db.sqlite") }, container, workers: workers);
string logs = Path.Combine(directory, "logs");
Runner.Drop(pipeline.Pipeline, logs);
ProcessExecutor.RegisterWithRunner();
var result = Runner.Run(pipeline.Pipeline, new RunOptions { Mode = ExecutionMode.Processes, LogDirectory = logs });
if (!result.Succeeded)
{
    return 1;
}

var lut = pipeline.GraphMws.Lut.Load()!;
Console.WriteLine($"{truth.CellCount} cells; {lut.Count} fragments agglomerated into {lut.Segments.Distinct().Count()} segments");
Console.WriteLine($"against the ground truth: {BlockwiseEvaluation.Evaluate(pipeline.Relabel.SegData.Array(), groundTruth.Array(), SegmentationPipeline.ReadmeBlockSize)}");
return 0;
