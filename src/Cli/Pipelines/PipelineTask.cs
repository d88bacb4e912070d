using System.Text.Json.Nodes;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;

namespace Volara.Cli.Pipelines;

/// <summary>A task of a pipeline file: its name in the file, where it is, its configuration, the task built from it and its class's descriptor.</summary>
public sealed record PipelineTask(string Id, string Pointer, JsonObject Config, IBlockwiseTask Task, TaskDescriptor Descriptor)
{
    public IReadOnlyList<TaskPort> Ports { get; } = TaskPorts.Of(Task, Descriptor);

    // A task of a file is one entity (its configuration and task compare by reference anyway): the dataflow checks key
    // sets and maps by task, which otherwise hashed its strings on every lookup.
    public bool Equals(PipelineTask? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
