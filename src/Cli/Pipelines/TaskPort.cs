using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;

namespace Volara.Cli.Pipelines;

/// <summary>A dataset a task reads or writes, with the field that configures it.</summary>
/// <param name="Field">The configuration field.</param>
/// <param name="ElementType">The element type Process sees; null for ports in the stored type and for datasets the task opens itself.</param>
/// <param name="Requires">The element kinds the stored data must have (inputs), else <c>Any</c>.</param>
/// <param name="SpatialOnly">An output prepared with the spatial axes of the first input only.</param>
/// <param name="List">An entry of a list output: one channel axis of its own.</param>
/// <param name="OpenedByTask">A dataset parameter the task opens and shapes itself, not an <c>[Input]</c> or <c>[Output]</c>.</param>
public sealed record TaskPort(string Field, Dataset Dataset, bool IsOutput, Type? ElementType, ElementKinds Requires, bool SpatialOnly, bool List, bool OpenedByTask)
{
    /// <summary>The store with separators normalised, for comparing who writes what (computed once: checks ask often).</summary>
    public string StoreKey { get; } = Runtime.Engine.DatasetPort.KeyOf(Dataset.Store);

    private readonly Lazy<bool> exists = new(() => TaskRules.Exists(Dataset));

    /// <summary>
    /// Whether the dataset can be read now (<see cref="TaskRules.Exists"/>), found out once: every check of a command
    /// asks it, each time a few file-system probes (a 10,000-task plan asked 50,000 times), and nothing a command
    /// creates comes before its checks are done.
    /// </summary>
    public bool Exists => exists.Value;
}
