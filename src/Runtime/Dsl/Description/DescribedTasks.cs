using System.Text.Json.Nodes;

namespace Volara.Runtime.Dsl.Description;

/// <summary>Typed access to a described task class's configuration.</summary>
public static class DescribedTasks
{
    /// <summary>Rebuilds a task of a known class from its configuration (the <c>task_type</c> is checked).</summary>
    public static TTask FromConfig<TTask>(JsonObject config)
        where TTask : IDescribedTask => (TTask)TTask.Descriptor.FromConfig(config);
}
