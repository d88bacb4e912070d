namespace Volara.Workers.Cluster;

/// <summary>How a command ended: its exit code (null when it did not start or did not finish) and a one-line account.</summary>
internal sealed record CommandOutcome(int? ExitCode, string Text)
{
    public override string ToString() => Text;
}
