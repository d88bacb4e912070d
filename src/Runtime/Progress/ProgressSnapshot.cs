namespace Volara.Runtime.Progress;

/// <summary>The numbers a progress line is drawn from, taken at one instant.</summary>
public readonly record struct ProgressSnapshot(
    string Description,
    long Completed,
    long Total,
    TimeSpan Elapsed,
    string Unit,
    ProgressState State);
