using System.Text.Json.Nodes;
using Volara.Runtime.Engine;

namespace Volara.Cli.Pipelines;

/// <summary>A task of a pipeline file: its name in the file, where it is, its configuration and the task built from it.</summary>
public sealed record PipelineTask(string Id, string Pointer, JsonObject Config, IBlockwiseTask Task)
{
    public IReadOnlyList<TaskPort> Ports { get; } = TaskPorts.Of(Task);
}
