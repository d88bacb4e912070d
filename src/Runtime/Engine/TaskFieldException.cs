namespace Volara.Runtime.Engine;

/// <summary>
/// A task's configuration that cannot run, found by the task's own checks before anything is created: the message
/// names the task and the field, and <see cref="Field"/> lets a configuration reader point at the field itself.
/// </summary>
public sealed class TaskFieldException(string taskName, string field, string message, Exception? inner = null)
    : ArgumentException($"task '{taskName}': {message}", inner)
{
    /// <summary>The task's name.</summary>
    public string TaskName { get; } = taskName;

    /// <summary>The configuration name of the field at fault (e.g. <c>bias</c>).</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong, without the task's name.</summary>
    public string Problem { get; } = message;
}
