using System.Globalization;
using System.Text.Json.Nodes;
using Volara.Bench.Peer;

namespace Volara.Bench.Scale;

/// <summary>
/// How the seed pipeline scales: the README layout (a pipeline file through <c>volara run --mode processes</c>, SQLite
/// graph) on the quickstart's synthetic volumes of 1.8, 14 and 113 Mvox (--quick: the first two), with 1 and 2
/// worker processes per blockwise task. Cost should grow linearly with the volume (seconds per Mvox flat from 14 to
/// 113 Mvox within 20%), two workers should take at most 1/1.8 of one worker's time, and a worker's peak memory should
/// not grow with the volume. Writes the figures as JSON and a plot (PNG, through matplotlib) into the work directory.
/// </summary>
public sealed class SegmentationScalingBenchmark : IBenchmark
{
    private static readonly long[][] Shapes = [[48, 192, 192], [96, 384, 384], [192, 768, 768]];

    public string Name => "segmentation scaling";

    public bool RunsOnlyWhenNamed => true;

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        string directory = Path.Combine(settings.WorkDirectory, "scaling");
        VolaraCli.Run("--version"); // builds the command line, outside every timed run
        var runs = new JsonArray();
        foreach (long[] shape in settings.Quick ? Shapes[..2] : Shapes)
        {
            string container = Path.Combine(directory, "volume.zarr");
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            SegmentationScaleBenchmark.WriteVolume(shape, container);
            foreach (int workers in new[] { 1, 2 })
            {
                runs.Add(RunOnce(directory, container, shape, workers));
            }
        }

        Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(settings.WorkDirectory);
        string json = Path.Combine(settings.WorkDirectory, "scaling.json");
        File.WriteAllText(json, new JsonObject { ["runs"] = runs, ["cores"] = Environment.ProcessorCount }.ToJsonString(new() { WriteIndented = true }));
        string png = Path.Combine(settings.WorkDirectory, "scaling.png");
        PythonPeer.Run("plot_scaling.py", new JsonObject { ["input"] = json, ["output"] = png }, TimeSpan.FromMinutes(2));
        Console.Error.WriteLine($"  figures in {json}, plot in {png}");
        return Rows(runs);
    }

    private static JsonObject RunOnce(string directory, string container, long[] shape, int workers)
    {
        string logs = Path.Combine(directory, $"logs-{workers}");
        string pipelineFile = Path.Combine(directory, $"pipeline-{workers}.json");
        string outputs = Path.Combine(directory, $"outputs-{workers}.zarr");
        File.WriteAllText(pipelineFile, SegmentationScaleBenchmark.PipelineFile(container, shape, logs, workers, outputs).ToJsonString());

        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var (run, wall, cpu) = SegmentationScaleBenchmark.TimedRun(pipelineFile, $"segmentation scaling at {string.Join('×', shape)} with {workers} workers");
        double mvox = shape[0] * shape[1] * shape[2] / 1e6;
        var peaks = new JsonObject();
        foreach (var task in run["tasks"]!.AsArray())
        {
            if (task!["peak_worker_memory_bytes"]?.GetValue<long>() is { } peak)
            {
                peaks[task["name"]!.GetValue<string>()] = peak / 1048576.0;
            }
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {mvox:F1} Mvox, {workers} worker(s): {wall:F1} s wall ({wall / mvox:F2} s/Mvox), {cpu:F0} processor-s, load before {load}"));
        return new JsonObject
        {
            ["mvox"] = mvox,
            ["shape"] = string.Join('×', shape),
            ["workers"] = workers,
            ["wall_seconds"] = wall,
            ["cpu_seconds"] = cpu,
            ["load_before"] = double.Parse(load, CultureInfo.InvariantCulture),
            ["peak_worker_mib"] = peaks,
        };
    }

    private static List<BenchmarkResult> Rows(JsonArray runs)
    {
        var rows = new List<BenchmarkResult>();
        double SecondsPerMvox(JsonNode run) => run["wall_seconds"]!.GetValue<double>() / run["mvox"]!.GetValue<double>();
        JsonNode? Find(double mvoxAtLeast, int workers) =>
            runs.Where(r => r!["workers"]!.GetValue<int>() == workers && r["mvox"]!.GetValue<double>() >= mvoxAtLeast).MinBy(r => r!["mvox"]!.GetValue<double>());
        foreach (var run in runs)
        {
            string what = string.Create(CultureInfo.InvariantCulture, $"{run!["mvox"]!.GetValue<double>():F1} Mvox, {run["workers"]!.GetValue<int>()} worker(s)");
            rows.Add(new($"seed pipeline, {what}: seconds per Mvox", "s/Mvox", SecondsPerMvox(run), 0, "", LowerIsBetter: true));
            double peak = run["peak_worker_mib"]!.AsObject().Max(p => p.Value!.GetValue<double>());
            rows.Add(new($"seed pipeline, {what}: peak memory of a worker (largest task)", "MiB", peak, 0, "", LowerIsBetter: true));
        }

        // Flatness: the largest volume's cost per Mvox against 14 Mvox's; speed-up: one worker's time over two's.
        foreach (int workers in new[] { 1, 2 })
        {
            if (Find(10, workers) is { } middle && Find(100, workers) is { } large)
            {
                rows.Add(new($"seed pipeline, {workers} worker(s): s/Mvox at 113 Mvox vs 14 Mvox (flat: ≤ 1.2)", "s/Mvox", SecondsPerMvox(large), SecondsPerMvox(middle), "14 Mvox", LowerIsBetter: true));
            }
        }

        foreach (var one in runs.Where(r => r!["workers"]!.GetValue<int>() == 1))
        {
            var two = runs.First(r => r!["workers"]!.GetValue<int>() == 2 && r["mvox"]!.GetValue<double>() == one!["mvox"]!.GetValue<double>());
            string size = string.Create(CultureInfo.InvariantCulture, $"{one!["mvox"]!.GetValue<double>():F1} Mvox");
            rows.Add(new($"seed pipeline, {size}: speed-up of 2 workers over 1 (target ≥ 1.8)", "×",
                one["wall_seconds"]!.GetValue<double>() / two!["wall_seconds"]!.GetValue<double>(), 1.8, "target"));
        }

        return rows;
    }
}
