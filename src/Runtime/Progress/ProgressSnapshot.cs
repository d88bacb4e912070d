namespace Volara.Runtime.Progress;

/// <summary>The numbers a progress line is drawn from, taken at one instant.</summary>
public readonly record struct ProgressSnapshot(
    string Description,
    long Completed,
    long Total,
    TimeSpan Elapsed,
    string Unit,
    ProgressState State)
{
    /// <summary>Extra fields shown after the rate, e.g. <c>⧗=5, ▶=1</c> (tqdm's postfix); null for none.</summary>
    public string? Postfix { get; init; }
}
