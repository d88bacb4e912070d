namespace Volara.Runtime.Engine;

/// <summary>
/// Marks a task class that workers can rebuild from its configuration; <see cref="TaskType"/> is the
/// <c>task_type</c> written into that configuration (e.g. <c>"threshold"</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BlockwiseTaskAttribute(string taskType) : Attribute
{
    public string TaskType { get; } = taskType;
}
