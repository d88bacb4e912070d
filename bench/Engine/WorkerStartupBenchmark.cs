using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Volara.Bench.Scale;

namespace Volara.Bench.Engine;

/// <summary>
/// Worker start-up, native AOT against JIT: the custom-task sample (argmax over 3×10³ in 5³ blocks) published both
/// ways and run with one worker process of itself. Reported: the driver's "starting worker" to the worker's first
/// finished block (process start, runtime start, connecting, rebuilding the task, one block), the whole run, and the
/// worker's peak resident memory. Publishing takes minutes, so it runs only when named.
/// </summary>
public sealed partial class WorkerStartupBenchmark : IBenchmark
{
    private const string TaskName = "winners-sample-channel-argmax";

    public string Name => "worker start-up";

    public bool RunsOnlyWhenNamed => true;

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        var root = Path.Combine(settings.WorkDirectory, "worker-startup");
        var sources = Path.Combine(root, "src");
        if (Directory.Exists(sources))
        {
            Directory.Delete(sources, recursive: true);
        }

        var repository = VolaraCli.RepositoryRoot();
        foreach (var part in new[] { "src", "samples/CustomTask", "Directory.Build.props", "Directory.Packages.props" })
        {
            Copy(Path.Combine(repository, part), Path.Combine(sources, part));
        }

        var project = Path.Combine(sources, "samples", "CustomTask");
        var native = Path.Combine(root, "native");
        var jit = Path.Combine(root, "jit");
        Publish(project, native, "-r", "linux-x64");
        Publish(project, jit, "-p:PublishAot=false");

        var nativeRuns = Measure(root, "native", Path.Combine(native, "Volara.Samples.CustomTask"), [], settings.Repeats);
        var jitRuns = Measure(root, "jit", "dotnet", [Path.Combine(jit, "Volara.Samples.CustomTask.dll")], settings.Repeats);
        return
        [
            new BenchmarkResult("worker start to its first block done", "ms", Median(nativeRuns, r => r.FirstBlockMs), Median(jitRuns, r => r.FirstBlockMs), "same program, JIT", LowerIsBetter: true),
            new BenchmarkResult("sample run with one worker process", "ms", Median(nativeRuns, r => r.RunMs), Median(jitRuns, r => r.RunMs), "same program, JIT", LowerIsBetter: true),
            new BenchmarkResult("worker peak resident memory", "MiB", Median(nativeRuns, r => r.WorkerPeakMib), Median(jitRuns, r => r.WorkerPeakMib), "same program, JIT", LowerIsBetter: true),
        ];
    }

    private static List<(double FirstBlockMs, double RunMs, double WorkerPeakMib)> Measure(string root, string kind, string program, string[] prefix, int repeats)
    {
        var runs = new List<(double, double, double)>();
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var container = Path.Combine(root, $"{kind}-{repeat}.zarr");
            if (Directory.Exists(container))
            {
                Directory.Delete(container, recursive: true);
            }

            var clock = Stopwatch.StartNew();
            Execute(program, [.. prefix, container, "--processes"]);
            double runMs = clock.Elapsed.TotalMilliseconds;
            var log = File.ReadAllLines(Path.Combine(container, "logs", TaskName, "worker_0.log"));
            var started = TimeOf(log.First(line => line.Contains("starting worker", StringComparison.Ordinal)));
            var firstBlock = log.First(line => line.Contains("after 1 blocks", StringComparison.Ordinal));
            double peak = double.Parse(PeakMemory().Match(firstBlock).Groups[1].Value, CultureInfo.InvariantCulture);
            var run = ((TimeOf(firstBlock) - started).TotalMilliseconds, runMs, peak);
            Console.Error.WriteLine($"  {kind}: worker start to first block {run.Item1:0} ms, run {runMs:0} ms, worker peak {peak:0} MiB");
            runs.Add(run);
        }

        return runs;
    }

    private static DateTime TimeOf(string logLine) =>
        DateTime.Parse(logLine[1..logLine.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static double Median<T>(List<T> runs, Func<T, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static void Publish(string project, string output, params string[] options)
    {
        Console.Error.WriteLine($"  publishing {Path.GetFileName(output)} …");
        Execute("dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q", .. options]);
    }

    private static void Execute(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}{errors.Result}");
        }
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative), overwrite: true);
        }
    }

    [GeneratedRegex(@"peak resident memory (\d+) MiB")]
    private static partial Regex PeakMemory();
}
