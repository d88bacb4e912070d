using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;

namespace Volara.Cli.Pipelines;

/// <summary>The configured datasets of a task, from its descriptor's ports (one per entry of a list output).</summary>
public static class TaskPorts
{
    public static IReadOnlyList<TaskPort> Of(IBlockwiseTask task, TaskDescriptor descriptor)
    {
        var ports = new List<TaskPort>();
        foreach (var field in descriptor.Ports)
        {
            var port = field.Port!;
            var value = field.Get(task);
            IEnumerable<Dataset?> datasets = value switch
            {
                Dataset plain => [plain],
                ITypedDataset typed => [typed.Untyped],
                IEnumerable<Dataset?> list => list,
                _ => [],
            };
            foreach (var dataset in datasets)
            {
                if (dataset is not null)
                {
                    ports.Add(new TaskPort(field.Name, dataset, port.IsOutput, port.ElementType, port.Requires, port.SpatialOnly, port.List, field.Role == FieldRole.Parameter));
                }
            }
        }

        return ports;
    }
}
