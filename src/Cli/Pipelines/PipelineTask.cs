using System.Text.Json.Nodes;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;

namespace Volara.Cli.Pipelines;

/// <summary>A task of a pipeline file: its name in the file, where it is, its configuration, the task built from it and its class's descriptor.</summary>
public sealed record PipelineTask(string Id, string Pointer, JsonObject Config, IBlockwiseTask Task, TaskDescriptor Descriptor)
{
    public IReadOnlyList<TaskPort> Ports { get; } = TaskPorts.Of(Task, Descriptor);
}
