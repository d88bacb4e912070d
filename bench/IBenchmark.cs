namespace Volara.Bench;

/// <summary>One comparison against a peer implementation; each run yields one or more result rows.</summary>
public interface IBenchmark
{
    /// <summary>Short name used to select benchmarks on the command line and in progress output.</summary>
    string Name { get; }

    IReadOnlyList<BenchmarkResult> Run(BenchSettings settings);
}
