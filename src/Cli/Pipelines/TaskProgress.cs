using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Tracking;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Where a task stands, read from its done-store and last-run record without opening them for writing (status
/// changes nothing). <see cref="Total"/> is null when the layout cannot be known yet (an input does not exist).
/// </summary>
public sealed record TaskProgress(string Name, string TaskType, long? Total, long Done, LastRun? LastRun, string State, string? Note)
{
    public static TaskProgress Read(IBlockwiseTask task, string taskType, string logDirectory)
    {
        var lastRun = Pipelines.LastRun.Read(logDirectory, task.Name);
        string meta = TaskPaths.MetaDirectory(logDirectory, task.Name);
        string marksPath = Path.Combine(meta, DoneStore.MarksFileName);
        string layoutPath = Path.Combine(meta, DoneStore.LayoutFileName);

        long total;
        string fingerprint;
        try
        {
            total = new BlockGrid(task.Name, task.Layout).BlockCount;
            fingerprint = LayoutFingerprint.Of(task.Layout, total);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return new TaskProgress(task.Name, taskType, null, 0, lastRun, "waiting", $"layout unknown: {ErrorLine.Describe(error)}");
        }

        if (!File.Exists(marksPath) || !File.Exists(layoutPath))
        {
            return new TaskProgress(task.Name, taskType, total, 0, lastRun, "not started", null);
        }

        if (File.ReadAllText(layoutPath).Trim() != fingerprint)
        {
            return new TaskProgress(task.Name, taskType, total, 0, lastRun, "stale", "the block layout changed since the last run; drop the task to start over");
        }

        long done = DoneBitmap.CountDone(marksPath);
        string state = done == total ? "done" : lastRun is { Failed: > 0 } or { Orphaned: > 0 } ? "failed" : "partial";
        return new TaskProgress(task.Name, taskType, total, done, lastRun, state, null);
    }
}
