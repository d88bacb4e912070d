using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>
/// A small real block source for executor tests: independent tasks, each a list of blocks, with retries as
/// the scheduler does them. It records every report and every report that breaks the exactly-once rule.
/// </summary>
internal sealed class ListBlockSource : IBlockSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskBlocks> _tasks = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ListBlockSource(params IBlockwiseTask[] tasks)
    {
        Tasks = tasks;
        foreach (var task in tasks)
        {
            var blocks = new TaskBlocks(task);
            foreach (var block in GridBlocks(task))
            {
                blocks.Ready.Enqueue(block);
                blocks.Remaining++;
            }

            _tasks.Add(task.Name, blocks);
        }
    }

    public IReadOnlyList<IBlockwiseTask> Tasks { get; }

    public List<string> Violations { get; } = [];

    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Values.All(task => task.Remaining == 0);
            }
        }
    }

    /// <summary>Blocks of a valid-fit grid without context, ids counting up in row-major order.</summary>
    public static List<Block> GridBlocks(IBlockwiseTask task)
    {
        var layout = task.Layout;
        var counts = (layout.TotalWriteRoi.Shape / layout.BlockSize).ToLongArray();
        var blocks = new List<Block>();
        var index = new long[counts.Length];
        var total = counts.Aggregate(1L, (product, count) => product * count);
        for (ulong id = 0; id < (ulong)total; id++)
        {
            var offset = layout.TotalWriteRoi.Offset + new Coordinate(index) * layout.BlockSize;
            var roi = new Roi(offset, layout.BlockSize);
            blocks.Add(new Block(task.Name, id, roi, roi));
            for (var dim = counts.Length - 1; dim >= 0; dim--)
            {
                if (++index[dim] < counts[dim])
                {
                    break;
                }

                index[dim] = 0;
            }
        }

        return blocks;
    }

    public IReadOnlyList<Block> Acquire(string taskName, int maxCount)
    {
        lock (_gate)
        {
            var task = _tasks[taskName];
            var blocks = new List<Block>();
            while (blocks.Count < maxCount && task.Ready.TryDequeue(out var block))
            {
                task.Running.Add(block.Id);
                blocks.Add(block);
            }

            return blocks;
        }
    }

    public void Succeeded(Block block)
    {
        lock (_gate)
        {
            var task = _tasks[block.TaskName];
            if (!task.Running.Remove(block.Id))
            {
                Violations.Add($"success of {block.TaskName}/{block.Id}, which is not running");
                return;
            }

            task.Completed.Add(block.Id);
            task.Remaining--;
            Notify();
        }
    }

    public void Failed(Block block, BlockFailure failure)
    {
        lock (_gate)
        {
            var task = _tasks[block.TaskName];
            if (!task.Running.Remove(block.Id))
            {
                Violations.Add($"failure of {block.TaskName}/{block.Id}, which is not running");
                return;
            }

            if (!task.Failures.TryGetValue(block.Id, out var failures))
            {
                task.Failures[block.Id] = failures = [];
            }

            failures.Add(failure);
            if (failures.Count > task.Task.Execution.MaxRetries)
            {
                task.FailedForGood.Add(block.Id);
                task.Remaining--;
            }
            else
            {
                task.Ready.Enqueue(block);
            }

            Notify();
        }
    }

    public bool IsTaskFinished(string taskName)
    {
        lock (_gate)
        {
            return _tasks[taskName].Remaining == 0;
        }
    }

    public Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    public IReadOnlySet<ulong> Completed(string taskName)
    {
        lock (_gate)
        {
            return _tasks[taskName].Completed.ToHashSet();
        }
    }

    public IReadOnlySet<ulong> FailedForGood(string taskName)
    {
        lock (_gate)
        {
            return _tasks[taskName].FailedForGood.ToHashSet();
        }
    }

    public IReadOnlyDictionary<ulong, List<BlockFailure>> Failures(string taskName)
    {
        lock (_gate)
        {
            return _tasks[taskName].Failures.ToDictionary(pair => pair.Key, pair => pair.Value.ToList());
        }
    }

    private void Notify()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed class TaskBlocks(IBlockwiseTask task)
    {
        public IBlockwiseTask Task { get; } = task;

        public Queue<Block> Ready { get; } = new();

        public HashSet<ulong> Running { get; } = [];

        public HashSet<ulong> Completed { get; } = [];

        public HashSet<ulong> FailedForGood { get; } = [];

        public Dictionary<ulong, List<BlockFailure>> Failures { get; } = [];

        public int Remaining { get; set; }
    }
}
