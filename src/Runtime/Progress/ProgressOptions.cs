namespace Volara.Runtime.Progress;

/// <summary>How a <see cref="ProgressReporter"/> draws.</summary>
public sealed record ProgressOptions
{
    /// <summary>What one step is called in the rate (<c>chunks</c> gives <c>2.82chunks/s</c>).</summary>
    public string Unit { get; init; } = "it";

    /// <summary>
    /// True for a terminal: one line redrawn in place with a carriage return. False for logs and pipes:
    /// whole lines, at most one per <see cref="LineInterval"/>, plus a final one.
    /// </summary>
    public bool Redraw { get; init; }

    /// <summary>Shortest time between two redraws of the in-place line.</summary>
    public TimeSpan RedrawInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Shortest time between two printed lines when not redrawing.</summary>
    public TimeSpan LineInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock; tests substitute their own.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
