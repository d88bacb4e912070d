namespace Volara.Bench;

/// <summary>One row of the results: our figure, the peer's, and ours/peer (higher is better, so units are rates).</summary>
public sealed record BenchmarkResult(string Name, string Unit, double Ours, double Peer, string PeerName)
{
    public double Ratio => Peer > 0 ? Ours / Peer : double.NaN;
}
