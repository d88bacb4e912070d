namespace Volara.Runtime.Engine.Running;

/// <summary>How <see cref="Runner"/> runs a pipeline.</summary>
public sealed record RunOptions
{
    public ExecutionMode Mode { get; init; } = ExecutionMode.Threads;

    /// <summary>Worker logs and task meta directories (configurations, done-marks) go below it.</summary>
    public string LogDirectory { get; init; } = "volara_logs";

    /// <summary>Where progress lines and the Execution Summary go; null is standard error.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>False draws nothing while running (the summary is still written unless <see cref="PrintSummary"/> is false).</summary>
    public bool ShowProgress { get; init; } = true;

    /// <summary>Redraw lines in place (a terminal) or print plain lines; null decides from the output.</summary>
    public bool? RedrawProgress { get; init; }

    /// <summary>Shortest time between two plain progress lines of a task when not redrawing.</summary>
    public TimeSpan ProgressLineInterval { get; init; } = TimeSpan.FromSeconds(5);

    public bool PrintSummary { get; init; } = true;

    public CancellationToken CancellationToken { get; init; }
}
