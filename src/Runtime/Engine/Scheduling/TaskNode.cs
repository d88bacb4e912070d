using Volara.Runtime.Engine.Grid;

namespace Volara.Runtime.Engine.Scheduling;

/// <summary>The scheduler's bookkeeping of one task: its grid, per-block state and counters.</summary>
internal sealed class TaskNode
{
    public TaskNode(IBlockwiseTask task, int index, IDoneMarks? doneMarks)
    {
        Task = task;
        Index = index;
        Grid = new BlockGrid(task.Name, task.Layout);
        DoneMarks = doneMarks;
        States = new BlockStates(Grid.BlockCount);
        RootCount = Grid.LevelCount > 0 ? Grid.LevelBlockCount(0) : 0;
        MaxRetries = Math.Max(0, task.Execution.MaxRetries);
    }

    public IBlockwiseTask Task { get; }

    public int Index { get; }

    public BlockGrid Grid { get; }

    public IDoneMarks? DoneMarks { get; }

    public List<TaskNode> Upstream { get; } = [];

    public List<TaskNode> Downstream { get; } = [];

    public BlockStates States { get; }

    /// <summary>Unfinished upstream blocks per waiting block; allocated only for tasks that have dependencies.</summary>
    public int[]? Remaining { get; set; }

    public Queue<long> ReadyQueue { get; } = new();

    public long RootCount { get; }

    /// <summary>How many level-0 blocks the root scan has looked at.</summary>
    public long RootCursor { get; set; }

    public int MaxRetries { get; }

    public Dictionary<long, int> Retries { get; } = [];

    public List<FailureRecord> Failures { get; } = [];

    public long Processing { get; set; }

    public long Completed { get; set; }

    public long Skipped { get; set; }

    public long Failed { get; set; }

    public long Orphaned { get; set; }

    public bool Started { get; set; }

    public TaskCompletionSource ReadySignal { get; set; } = NewSignal();

    public bool HasReadyWaiter { get; set; }

    public bool IsSource => Upstream.Count == 0;

    /// <summary>
    /// Roots are handed out in dense index order (one level, no upstream task) and finishing a block readies no
    /// other (no second level, no downstream task): a stretch of done roots can then be skipped all at once.
    /// </summary>
    public bool SkipsDoneRootsInBulk => IsSource && Grid.LevelCount == 1 && Downstream.Count == 0;

    public bool IsFinished => Completed + Failed + Orphaned == Grid.BlockCount;

    /// <summary>Ready blocks as daisy counts them: queued ones plus, for source tasks, roots not yet handed out.</summary>
    public long Ready => ReadyQueue.Count + (IsSource ? RootCount - RootCursor : 0);

    public TaskState Snapshot() =>
        new(Task.Name, Grid.BlockCount, Ready, Processing, Completed, Skipped, Failed, Orphaned, Started);

    public static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
