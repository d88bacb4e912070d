namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a <c>partial</c> class as a DSL task. The source generator completes it into a serialisable
/// blockwise task whose configuration carries <c>task_type</c> = <see cref="TaskType"/>; the task is named
/// <c>{first output}-{task type}</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class VolaraTaskAttribute(string taskType) : Attribute
{
    public string TaskType { get; } = taskType;
}
