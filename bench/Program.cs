using Volara.Bench;
using Volara.Bench.Engine;
using Volara.Bench.Graphs;
using Volara.Bench.Peer;
using Volara.Bench.Predict;
using Volara.Bench.Registration;
using Volara.Bench.Scale;
using Volara.Bench.Segmentation;
using Volara.Bench.Zarr;
using Volara.Workers;

// Benchmarks that run worker processes start this same program as the worker.
if (WorkerEntry.TryRun(args, out var workerExitCode))
{
    return workerExitCode;
}

// Measures this project against its peer side by side; later benchmarks join the list as new IBenchmark classes.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"bench: error: {error.Message}");
    return 2;
}

IBenchmark[] benchmarks =
[
    .. ZarrCodecCase.All.Select(codecCase => new ZarrReadWriteBenchmark(codecCase)),
    new SchedulerThroughputBenchmark(),
    new ProcessThroughputBenchmark(),
    new WorkerStartupBenchmark(),
    new ResumeCheckBenchmark(),
    new PetavoxelGridBenchmark(),
    new ThresholdBenchmark(),
    new MutexWatershedBenchmark(),
    new ExtractFragsBenchmark(),
    new AffAgglomBenchmark(),
    new GraphWriteBenchmark(GraphBackend.Sqlite),
    new GraphWriteBenchmark(GraphBackend.Postgres),
    new RelabelBenchmark(),
    new DistanceAgglomBenchmark(),
    new EvaluateBenchmark(),
    new SegmentationPipelineBenchmark(),
    new SegmentationStagesBenchmark(),
    new PredictBenchmark(),
    new ComputeShiftBenchmark(),
    new ApplyShiftBenchmark(),
    new SegmentationScaleBenchmark(),
    new SegmentationScalingBenchmark(),
    new LargePipelineFileBenchmark(),
];

try
{
    Console.Error.WriteLine($"peer: {PythonPeer.EnsureAvailable()}");
    var results = new List<BenchmarkResult>();
    var busy = new List<string>();
    foreach (var benchmark in benchmarks)
    {
        if (settings.Filter is { } filter ? !benchmark.Name.Contains(filter, StringComparison.OrdinalIgnoreCase) : benchmark.RunsOnlyWhenNamed)
        {
            continue;
        }

        Console.Error.WriteLine($"running {benchmark.Name}{(settings.Quick ? " (quick)" : string.Empty)} ...");
        var loadBefore = MachineLoad.Sample();
        results.AddRange(benchmark.Run(settings));
        if (MachineLoad.Busy(loadBefore) is { } note)
        {
            busy.Add($"{benchmark.Name}: {note}");
        }
    }

    Console.Write(ResultTable.Format(results));
    foreach (string note in busy)
    {
        Console.WriteLine($"note: {note}");
    }

    if (settings.JsonOutput is { } jsonPath)
    {
        File.WriteAllText(jsonPath, ResultJson.Format(results));
    }

    return 0;
}
catch (Exception error)
{
    Console.Error.WriteLine($"bench: error: {error.Message}");
    return 1;
}
