namespace Volara.Runtime.Progress;

/// <summary>Where a tracked piece of work stands; shown as a symbol after the description.</summary>
public enum ProgressState
{
    Running,
    Succeeded,
    Failed,
}
