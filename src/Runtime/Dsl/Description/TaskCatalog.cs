using System.Collections.Concurrent;

namespace Volara.Runtime.Dsl.Description;

/// <summary>
/// The descriptors of every task class loaded into the process. Generated code adds each class's descriptor from a
/// module initializer, so a task is known as soon as its assembly is in use; nothing is searched by reflection.
/// </summary>
public static class TaskCatalog
{
    private static readonly ConcurrentDictionary<string, TaskDescriptor> Descriptors = new(StringComparer.Ordinal);

    /// <summary>Adds a descriptor; a second class claiming the same <c>task_type</c> is an error.</summary>
    public static void Add(TaskDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        RequireOneClass(Descriptors.GetOrAdd(descriptor.TaskType, descriptor), descriptor);
    }

    /// <summary>Two descriptors of one task type must describe one class.</summary>
    internal static void RequireOneClass(TaskDescriptor known, TaskDescriptor added)
    {
        if (known.TaskClass != added.TaskClass)
        {
            throw new InvalidOperationException(
                $"task type '{added.TaskType}' is claimed by both {known.TaskClass.FullName} and {added.TaskClass.FullName}; task types must be unique");
        }
    }

    /// <summary>The descriptor added for a task type, or null.</summary>
    public static TaskDescriptor? Find(string taskType) => Descriptors.TryGetValue(taskType, out var descriptor) ? descriptor : null;

    /// <summary>Every descriptor added so far.</summary>
    public static IReadOnlyCollection<TaskDescriptor> All => [.. Descriptors.Values];
}
