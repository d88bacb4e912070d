namespace Volara.Runtime.Dsl.Description;

/// <summary>A configuration names a <c>task_type</c> no registered class carries.</summary>
public sealed class UnknownTaskTypeException(string taskType, IReadOnlyList<string> knownTaskTypes)
    : Exception(
        $"unknown task_type '{taskType}'; known task types: {(knownTaskTypes.Count == 0 ? "(none)" : string.Join(", ", knownTaskTypes))}")
{
    public string TaskType { get; } = taskType;

    public IReadOnlyList<string> KnownTaskTypes { get; } = knownTaskTypes;
}
