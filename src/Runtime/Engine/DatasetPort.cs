using Volara.Runtime.Datasets;

namespace Volara.Runtime.Engine;

/// <summary>A dataset a task reads or writes, with the configuration field that names it.</summary>
/// <param name="Field">The configuration name of the port (e.g. <c>frags_data</c>).</param>
/// <param name="Dataset">The dataset it is configured with.</param>
/// <param name="IsOutput">The task writes it.</param>
public sealed record DatasetPort(string Field, Dataset Dataset, bool IsOutput)
{
    /// <summary>The store as an absolute path without a trailing separator, so two spellings of one array compare equal.</summary>
    public string StoreKey => KeyOf(Dataset.Store);

    /// <summary>A store path as an absolute path without a trailing separator.</summary>
    public static string KeyOf(string store) => Path.GetFullPath(store.TrimEnd('/', Path.DirectorySeparatorChar));
}
