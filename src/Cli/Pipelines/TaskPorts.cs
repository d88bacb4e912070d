using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Finds a task's datasets by reflection, so every registered task (built in, or from a plugin) is covered. DSL
/// tasks say what they read and write with <see cref="InputAttribute"/> and <see cref="OutputAttribute"/>; for
/// hand-written tasks the output is the dataset the task is named after (the engine's <c>{output}-{type}</c>
/// naming) and every other dataset is read.
/// </summary>
public static class TaskPorts
{
    public static IReadOnlyList<TaskPort> Of(IBlockwiseTask task)
    {
        var ports = new List<TaskPort>();
        foreach (var property in task.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var value = property.GetValue(task);
            var (dataset, elementType) = value switch
            {
                Dataset plain => (plain, (Type?)null),
                ITypedDataset typed => (typed.Untyped, typed.ElementType),
                _ => (null, null),
            };
            if (dataset is null)
            {
                continue;
            }

            var input = property.GetCustomAttribute<InputAttribute>();
            bool isOutput = property.GetCustomAttribute<OutputAttribute>() is not null
                || (input is null && task.Name.StartsWith(dataset.Name + "-", StringComparison.Ordinal));
            ports.Add(new TaskPort(FieldName(property), property, dataset, isOutput, elementType, input?.Requires ?? ElementKinds.Any));
        }

        return ports;
    }

    /// <summary>The name a property has in a task configuration.</summary>
    public static string FieldName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
}
