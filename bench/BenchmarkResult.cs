namespace Volara.Bench;

/// <summary>
/// One row of the results: our figure, the peer's, and a ratio where higher is better — ours/peer for rates, and
/// peer/ours for costs (<see cref="LowerIsBetter"/>: seconds or megabytes against a target), so that a ratio
/// above 1 always means better than the peer.
/// </summary>
public sealed record BenchmarkResult(string Name, string Unit, double Ours, double Peer, string PeerName, bool LowerIsBetter = false)
{
    public double Ratio => Peer <= 0 ? double.NaN : LowerIsBetter ? (Ours > 0 ? Peer / Ours : double.PositiveInfinity) : Ours / Peer;
}
