namespace Volara.Runtime.Progress;

/// <summary>Where a tracked piece of work stands; shown as a symbol after the description.</summary>
public enum ProgressState
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Done without failures of its own, but some of its work was given up because work it depends on failed.</summary>
    Orphaned,
}
