namespace Volara.Bench;

/// <summary>One comparison against a peer implementation; each run yields one or more result rows.</summary>
public interface IBenchmark
{
    /// <summary>Short name used to select benchmarks on the command line and in progress output.</summary>
    string Name { get; }

    /// <summary>
    /// Left out of runs that select nothing (no <c>--filter</c>) because it takes long or much disk; it runs when
    /// the filter matches its name.
    /// </summary>
    bool RunsOnlyWhenNamed => false;

    IReadOnlyList<BenchmarkResult> Run(BenchSettings settings);
}
