using System.Diagnostics;
using System.Globalization;
using System.Text;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Bench.Scale;

/// <summary>
/// <c>volara plan</c> of pipeline files with thousands of threshold tasks, run as a user runs it (a process each time,
/// start-up included), against the target of 2 s for 10,000 tasks. Two shapes: every task reading one existing array
/// (each task's layout, checks and sizes open it), and a chain where each task reads the previous one's output (nothing
/// to open, the DAG 10,000 levels deep). The 1,000-task row shows the cost growing linearly with the tasks.
/// </summary>
public sealed class LargePipelineFileBenchmark : IBenchmark
{
    private const double TargetSeconds = 2;

    public string Name => "cli plan large pipeline files";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        string directory = Path.Combine(settings.WorkDirectory, "large-pipelines");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var input = VolumeArray.Prepare(Path.Combine(directory, "data.zarr", "raw"), new PrepareOptions
        {
            Shape = [16, 64, 64],
            DataType = DataType.Float32,
            VoxelSize = new Coordinate(1, 1, 1),
            Mode = AccessMode.Append,
        });
        input.Write<float>(input.Roi, new float[16 * 64 * 64]);

        var rows = new List<BenchmarkResult>();
        var seconds = new Dictionary<(int Tasks, bool Chained), double>();
        foreach (bool chained in new[] { false, true })
        {
            foreach (int tasks in new[] { 1_000, 10_000 })
            {
                string file = Path.Combine(directory, $"{(chained ? "chain" : "shared")}-{tasks}.yaml");
                File.WriteAllText(file, Yaml(tasks, chained));
                double best = Timing.BestSeconds(settings.Repeats, () => VolaraCli.Run("plan", file));
                seconds[(tasks, chained)] = best;
                string shape = chained ? "each reading the previous one's output" : "all reading one array";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {tasks:N0} tasks {shape}: {best:F2} s, load {File.ReadAllText("/proc/loadavg").Trim()}"));
                if (tasks == 10_000)
                {
                    rows.Add(new($"volara plan, 10,000 tasks {shape} (YAML)", "s", best, TargetSeconds, "target (2 s)", LowerIsBetter: true));
                }
            }

            // Linear composition: 10,000 tasks cost at most 10× what 1,000 do, start-up (counted in both) aside.
            rows.Add(new($"volara plan, {(chained ? "chained" : "shared-input")} tasks: 10,000 vs 10 × 1,000", "s",
                seconds[(10_000, chained)], 10 * seconds[(1_000, chained)], "10 × 1,000 tasks", LowerIsBetter: true));
        }

        Directory.Delete(directory, recursive: true);
        return rows;
    }

    private static string Yaml(int tasks, bool chained)
    {
        var text = new StringBuilder("log_dir: logs\ndatasets:\n  raw: {dataset_type: raw, store: data.zarr/raw}\ntasks:\n");
        for (int i = 0; i < tasks; i++)
        {
            string input = chained && i > 0 ? $"{{dataset_type: raw, store: data.zarr/mask{i - 1}}}" : "$raw";
            text.Append(CultureInfo.InvariantCulture,
                $"  t{i}:\n    task_type: threshold\n    in_data: {input}\n    mask: {{dataset_type: labels, store: data.zarr/mask{i}}}\n    threshold: 0.5\n    block_size: [16, 64, 64]\n");
        }

        return text.ToString();
    }
}
