using Volara.Runtime.Engine.Pipelines;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>Removing what a run leaves behind (volara's <c>drop</c>).</summary>
public static class TaskTracking
{
    /// <summary>
    /// Removes the task's meta directory (configuration, done-marks) so every block runs again, and — unless
    /// <paramref name="dropOutputs"/> is false — the task's outputs.
    /// </summary>
    public static void Drop(IBlockwiseTask task, string logDirectory, bool dropOutputs = true)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var driver = LogDirectoryLock.Acquire(logDirectory);
        var meta = TaskPaths.MetaDirectory(logDirectory, task.Name);
        if (Directory.Exists(meta))
        {
            Directory.Delete(meta, recursive: true);
        }

        if (dropOutputs)
        {
            task.DropArtifacts();
        }
    }

    /// <summary>Drops every task of the pipeline.</summary>
    public static void Drop(Pipeline pipeline, string logDirectory, bool dropOutputs = true)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        using var driver = LogDirectoryLock.Acquire(logDirectory);
        foreach (var task in pipeline.Tasks)
        {
            Drop(task, logDirectory, dropOutputs);
        }
    }

    /// <summary>Blocks of the task marked done by earlier runs (0 when it never ran).</summary>
    public static long CountDone(IBlockwiseTask task, string logDirectory)
    {
        ArgumentNullException.ThrowIfNull(task);
        var marks = Path.Combine(TaskPaths.MetaDirectory(logDirectory, task.Name), DoneStore.MarksFileName);
        if (!File.Exists(marks))
        {
            return 0;
        }

        using var store = DoneStore.Open(logDirectory, task.Name, task.Layout);
        return store.CountDone();
    }
}
