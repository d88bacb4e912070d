using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Pipelines;

namespace Volara.Cli.Pipelines;

/// <summary>A validated pipeline file: the pipeline, its tasks in file order and the file's settings.</summary>
public sealed record PipelineDefinition(string File, Pipeline Pipeline, IReadOnlyList<PipelineTask> Tasks, string? LogDirectory)
{
    /// <summary>A task by its engine name or its name in the file; unknown names fail with the list of names.</summary>
    public IBlockwiseTask Find(string name) =>
        Tasks.FirstOrDefault(t => t.Task.Name == name || t.Id == name)?.Task
        ?? throw new UsageException($"{File}: no task named '{name}' (the tasks are {string.Join(", ", Tasks.Select(t => $"'{t.Task.Name}'"))})");
}
