namespace Volara.Runtime.Engine;

/// <summary>Run-wide settings every executor receives.</summary>
public sealed record ExecutionSettings
{
    /// <summary>Base directory of worker logs and task meta directories (done-stores, configurations).</summary>
    public string LogDirectory { get; init; } = "volara_logs";
}
