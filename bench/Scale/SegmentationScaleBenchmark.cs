using System.Diagnostics;
using System.Text.Json.Nodes;
using Volara.Runtime.Geometry;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;

namespace Volara.Bench.Scale;

/// <summary>
/// The seed README pipeline at a size users have: the quickstart's synthetic volume (Voronoi cells of 30×60×60 voxels,
/// noisy uint8 affinities with the README's nine offsets) at 192×768×768 = 113 Mvoxels (7,680 cells; 96×384×384 with
/// --quick), run as a user runs it — a pipeline file through <c>volara run --mode processes</c>, two worker
/// processes per task, SQLite graph. Reports wall time, Mvoxels per processor-second of all processes, and per task
/// the peak resident memory of a worker as the workers report it, beside <c>volara plan</c>'s estimate (which must be
/// within 30%).
/// </summary>
public sealed class SegmentationScaleBenchmark : IBenchmark
{
    private const int Workers = 2;

    public string Name => "segmentation at scale";

    public bool RunsOnlyWhenNamed => true;

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        long[] shape = settings.Quick ? [96, 384, 384] : [192, 768, 768];
        string directory = Path.Combine(settings.WorkDirectory, "scale");
        string container = Path.Combine(directory, "volume.zarr");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        WriteVolume(shape, container);
        string pipelineFile = Path.Combine(directory, "pipeline.json");
        File.WriteAllText(pipelineFile, PipelineFile(container, shape, Path.Combine(directory, "logs")).ToJsonString());

        var (run, wall, cpu) = TimedRun(pipelineFile, Name);

        // Planned once everything exists, so that every task's layout and inputs are known.
        var plan = JsonNode.Parse(VolaraCli.Run("plan", pipelineFile, "--json"))!["tasks"]!.AsArray();
        double mega = shape[0] * shape[1] * shape[2] / 1e6;
        string size = $"{string.Join('×', shape)} ({mega:F0} Mvox)";
        Console.Error.WriteLine($"  {size}: {wall:F0} s wall, {cpu:F0} processor-s, load {File.ReadAllText("/proc/loadavg").Trim()}");
        var rows = new List<BenchmarkResult>
        {
            new($"seed pipeline end to end, {size}, {Workers} worker processes per task", "Mvox/cpu-s", mega / cpu, 0, ""),
            new($"seed pipeline end to end, {size}, wall", "Mvox/s", mega / wall, 0, ""),
        };
        foreach (var task in run["tasks"]!.AsArray())
        {
            string name = task!["name"]!.GetValue<string>();
            long? peak = task["peak_worker_memory_bytes"]?.GetValue<long>();
            long? estimate = plan.FirstOrDefault(p => p!["name"]!.GetValue<string>() == name)?["memory_per_worker_bytes"]?.GetValue<long>();
            if (peak is null)
            {
                continue;
            }

            double ratio = estimate is { } e ? (double)peak.Value / e : double.NaN;
            Console.Error.WriteLine($"  {name}: peak {peak >> 20} MiB per worker, plan {(estimate ?? 0) >> 20} MiB ({(Math.Abs(ratio - 1) <= 0.3 ? "within" : "NOT within")} 30%)");
            rows.Add(new($"peak memory per worker, {name}", "MiB", peak.Value / 1048576.0, (estimate ?? 0) / 1048576.0, "volara plan's estimate", LowerIsBetter: true));
        }

        return rows;
    }

    /// <summary><c>volara run PIPELINE --mode processes</c>: its JSON report, wall seconds and the processor seconds of all its processes.</summary>
    internal static (JsonNode Run, double Wall, double Cpu) TimedRun(string pipelineFile, string what)
    {
        double cpuBefore = ChildCpuTime.Seconds();
        var clock = Stopwatch.StartNew();
        var run = JsonNode.Parse(VolaraCli.Run("run", pipelineFile, "--mode", "processes", "--json"))!;
        double wall = clock.Elapsed.TotalSeconds;
        double cpu = ChildCpuTime.Seconds() - cpuBefore;
        if (run["succeeded"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"{what}: the pipeline failed: {run.ToJsonString()}");
        }

        return (run, wall, cpu);
    }

    internal static void WriteVolume(long[] shape, string container)
    {
        var clock = Stopwatch.StartNew();
        var truth = VoronoiLabels.Create(shape, [30, 60, 60], seed: 7);
        var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
        var affinities = SyntheticAffinities.Noisy(truth, neighborhood, boundaryWidth: 0.05, boundaryDrop: 0.2, noise: 0.08, seed: 7);
        SyntheticDataset.Write(container, truth.Labels, affinities, shape, neighborhood, new Coordinate(8, 8, 8), [45, 120, 120]);
        Console.Error.WriteLine($"  wrote {truth.CellCount} cells and their affinities in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>
    /// examples/segmentation.yaml's four tasks over this volume, <paramref name="workers"/> worker processes per
    /// blockwise task, their outputs in <paramref name="outputs"/> (by default beside the input).
    /// </summary>
    internal static JsonObject PipelineFile(string container, long[] shape, string logs, int workers = Workers, string? outputs = null)
    {
        outputs ??= container;
        JsonArray Values(params double[] values) => [.. values.Select(v => (JsonNode)v)];
        JsonArray Offsets(IEnumerable<Coordinate> offsets) =>
            [.. offsets.Select(o => (JsonNode)Values(o.ValueAt(0), o.ValueAt(1), o.ValueAt(2)))];
        var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
        JsonObject Execution() => new() { ["num_workers"] = workers };
        return new JsonObject
        {
            ["log_dir"] = logs,
            ["datasets"] = new JsonObject
            {
                ["affs"] = new JsonObject { ["dataset_type"] = "affs", ["store"] = Path.Combine(container, "affs") },
                ["fragments"] = new JsonObject { ["dataset_type"] = "labels", ["store"] = Path.Combine(outputs, "fragments") },
                ["segments"] = new JsonObject { ["dataset_type"] = "labels", ["store"] = Path.Combine(outputs, "segments") },
            },
            ["databases"] = new JsonObject
            {
                ["graph"] = new JsonObject
                {
                    ["db_type"] = "sqlite",
                    ["path"] = Path.Combine(outputs, "db.sqlite"),
                    ["edge_attrs"] = new JsonObject { ["adj_weight"] = "float", ["lr_weight"] = "float" },
                },
            },
            ["tasks"] = new JsonObject
            {
                ["extract_frags"] = new JsonObject
                {
                    ["task_type"] = "extract-frags", ["db"] = "$graph", ["affs_data"] = "$affs", ["frags_data"] = "$fragments",
                    ["block_size"] = Values(45, 120, 120), ["context"] = Values(15, 40, 40),
                    ["bias"] = Values([.. neighborhood.Select((_, i) => i < 3 ? -0.4 : -0.7)]), ["execution"] = Execution(),
                },
                ["aff_agglom"] = new JsonObject
                {
                    ["task_type"] = "aff-agglom", ["db"] = "$graph", ["frags_data"] = "$fragments", ["affs_data"] = "$affs",
                    ["block_size"] = Values(45, 120, 120), ["context"] = Values(15, 40, 40),
                    ["scores"] = new JsonObject { ["adj_weight"] = Offsets(neighborhood.Take(3)), ["lr_weight"] = Offsets(neighborhood.Skip(3)) },
                    ["execution"] = Execution(),
                },
                ["graph_mws"] = new JsonObject
                {
                    ["task_type"] = "graph-mws", ["db"] = "$graph", ["lut"] = new JsonObject { ["path"] = Path.Combine(outputs, "lut") },
                    ["weights"] = new JsonObject { ["adj_weight"] = Values(1.0, -0.4), ["lr_weight"] = Values(1.0, -0.7) },
                    ["roi"] = new JsonObject { ["offset"] = Values(0, 0, 0), ["shape"] = Values([.. shape.Select(s => s * 8.0)]) },
                },
                ["relabel"] = new JsonObject
                {
                    ["task_type"] = "relabel", ["frags_data"] = "$fragments", ["seg_data"] = "$segments",
                    ["lut"] = new JsonObject { ["path"] = Path.Combine(outputs, "lut") },
                    ["block_size"] = Values(45, 120, 120), ["execution"] = Execution(),
                },
            },
            ["pipeline"] = "extract_frags + aff_agglom + graph_mws + relabel",
        };
    }
}
