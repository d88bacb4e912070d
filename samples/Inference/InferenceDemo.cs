using System.Diagnostics;
using System.Globalization;
using Volara.Predict;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Evaluation;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Storage;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Workers;

namespace Volara.Samples.Inference;

/// <summary>
/// From raw data to a scored segmentation: a synthetic raw volume over known Voronoi cells → Predict with a tiny
/// hand-weighted TorchSharp model (9 affinity channels, the README neighbourhood) → the README segmentation pipeline
/// (extract_frags + aff_agglom + graph_mws + relabel) → VOI and adapted Rand error against the cells.
/// </summary>
public static class InferenceDemo
{
    /// <param name="arguments"><c>[DIRECTORY] [--shape Z,Y,X] [--workers N] [--mode processes|threads]</c></param>
    /// <returns>The scores, or null when a run failed.</returns>
    public static SegmentationScores? Run(string[] arguments, TextWriter output)
    {
        string directory = Path.GetFullPath(arguments.Length > 0 && !arguments[0].StartsWith("--", StringComparison.Ordinal) ? arguments[0] : "inference-output");
        long[] shape = Option(arguments, "--shape")?.Split(',').Select(long.Parse).ToArray() ?? [90, 240, 240];
        int workers = int.Parse(Option(arguments, "--workers") ?? "2", CultureInfo.InvariantCulture);
        var mode = Option(arguments, "--mode") == "threads" ? ExecutionMode.Threads : ExecutionMode.Processes;
        string container = Path.Combine(directory, "inference.zarr");
        string logs = Path.Combine(directory, "inference-logs");
        var voxelSize = new Coordinate(8, 8, 8);

        // Ground truth and raw: cells of about 30×60×60 voxels, boundaries one to two voxels wide (background 0 in the
        // ground truth, as membranes usually are).
        const double Boundary = 0.04;
        var clock = Stopwatch.StartNew();
        var cells = VoronoiLabels.Create(shape, [30, 60, 60], seed: 7);
        var raw = new Raw { Store = Path.Combine(container, "raw"), ScaleShift = [1 / 255.0, 0] };
        var rawArray = new Raw { Store = raw.Store }.Prepare(shape, [45, 120, 120], Coordinate.Filled(3, 0), voxelSize, ["nm", "nm", "nm"], ["z", "y", "x"], ["space", "space", "space"], DataType.UInt8);
        rawArray.Write(rawArray.Roi, (ReadOnlySpan<byte>)SyntheticRaw.Create(cells, Boundary, seed: 7));
        var groundTruth = new Labels { Store = Path.Combine(container, "gt") };
        var truthArray = groundTruth.Prepare(shape, [45, 120, 120], Coordinate.Filled(3, 0), voxelSize, ["nm", "nm", "nm"], ["z", "y", "x"], ["space", "space", "space"], DataType.UInt64);
        truthArray.Write(truthArray.Roi, (ReadOnlySpan<ulong>)SyntheticRaw.GroundTruth(cells, Boundary));
        output.WriteLine($"wrote {raw.Store} (uint8, dark boundaries) and {groundTruth.Store} ({cells.CellCount} Voronoi cells): {string.Join('x', shape)} voxels in {clock.Elapsed.TotalSeconds:F1} s");

        // The model: hand-set weights saved like a trained TorchSharp module, described as volara-torch describes models.
        Directory.CreateDirectory(directory);
        string modelPath = Path.Combine(directory, "boundary-affinities.dat");
        using (var model = new BoundaryAffinityModel())
        {
            model.SetWeights();
            model.save(modelPath);
        }

        var context = BoundaryAffinityModel.Context;
        var blockOutput = Coordinate.Min(SegmentationPipeline.ReadmeBlockSize, new Coordinate(shape));
        var predict = new Predict.Predict
        {
            Checkpoint = new TorchModel
            {
                SavePath = modelPath,
                ModuleType = typeof(BoundaryAffinityModel).AssemblyQualifiedName,
                MinInputShape = context * 2 + 1,
                MinOutputShape = Coordinate.Filled(3, 1),
                MinStepShape = Coordinate.Filled(3, 1),
                PredSizeGrowth = blockOutput - 1,
                OutChannels = [SegmentationPipeline.ReadmeNeighborhood.Count],
                OutRange = [0.0, 1.0],
            },
            InData = raw,
            OutData = [new Affs { Store = Path.Combine(container, "affs"), Neighborhood = SegmentationPipeline.ReadmeNeighborhood }],
            Execution = new ExecutionOptions { NumWorkers = workers },
        };

        Runner.Drop(predict, logs);
        if (mode == ExecutionMode.Processes)
        {
            ProcessExecutor.RegisterWithRunner();
        }

        var run = new RunOptions { Mode = mode, LogDirectory = logs };
        clock.Restart();
        if (!Runner.Run(predict, run).Succeeded)
        {
            output.WriteLine("the prediction failed; see the summary above");
            return null;
        }

        long voxels = shape[0] * shape[1] * shape[2];
        output.WriteLine($"predicted 9 affinity channels in {clock.Elapsed.TotalSeconds:F1} s ({voxels / 1e6 / clock.Elapsed.TotalSeconds:F2} Mvoxels/s)");

        // The segmentation pipeline reads the predicted affinities' geometry, so it is built once they exist.
        var affs = (Affs)predict.OutData[0]!;
        var pipeline = SegmentationPipeline.Readme(affs, new SqliteGraphConfig { Path = Path.Combine(container, "db.sqlite") }, container, workers: workers);
        Runner.Drop(pipeline.Pipeline, logs);
        clock.Restart();
        if (!Runner.Run(pipeline.Pipeline, run).Succeeded)
        {
            output.WriteLine("the segmentation pipeline failed; see the summary above");
            return null;
        }

        var lut = pipeline.GraphMws.Lut.Load()!;
        output.WriteLine($"segmented in {clock.Elapsed.TotalSeconds:F1} s: {lut.Count} fragments agglomerated into {lut.Segments.Distinct().Count()} segments");
        var scores = BlockwiseEvaluation.Evaluate(pipeline.Relabel.SegData.Array(), groundTruth.Array(), SegmentationPipeline.ReadmeBlockSize);
        output.WriteLine($"against the ground truth: {scores}");
        return scores;
    }

    private static string? Option(string[] arguments, string name)
    {
        int index = Array.IndexOf(arguments, name);
        return index >= 0 && index + 1 < arguments.Length ? arguments[index + 1] : null;
    }
}
