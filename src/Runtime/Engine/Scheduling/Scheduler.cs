using Volara.Runtime.Engine.Reporting;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Pipelines;

namespace Volara.Runtime.Engine.Scheduling;

/// <summary>
/// Hands out the blocks of a pipeline as soon as their dependencies finished: blocks of the same task wait for
/// the conflicting blocks of the previous level, blocks of a downstream task for the upstream blocks whose
/// writes overlap their reads. Failed blocks are retried up to the task's MaxRetries, then counted failed and
/// every block depending on them (transitively, across tasks) orphaned. Blocks already marked done in a
/// task's done-store are skipped when they would be handed out.
/// </summary>
/// <remarks>
/// Dependencies are computed from geometry when needed; per block only a state byte (held per chunk of blocks
/// only while they differ, see <see cref="BlockStates"/>) and, for tasks with dependencies, a counter of
/// unfinished upstream blocks is kept. One lock guards everything; executors acquire in batches.
/// </remarks>
public sealed class Scheduler : IBlockSource
{
    private readonly Lock gate = new();
    private readonly TaskNode[] nodes;
    private readonly Dictionary<string, TaskNode> byName;
    private readonly List<long> neighbourBuffer = [];
    private readonly WorkerMemoryPeaks memoryPeaks = new();
    private readonly List<(TaskNode Node, long Index)> pairBuffer = [];
    private TaskCompletionSource changeSignal = TaskNode.NewSignal();
    private bool hasChangeWaiter;

    /// <summary>Schedules the pipeline's tasks; <paramref name="doneMarks"/> gives a task's done-store, if any.</summary>
    public Scheduler(Pipeline pipeline, Func<IBlockwiseTask, IDoneMarks?>? doneMarks = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var ordered = pipeline.TopologicalOrder();
        nodes = new TaskNode[ordered.Count];
        byName = new Dictionary<string, TaskNode>(StringComparer.Ordinal);
        for (int i = 0; i < ordered.Count; i++)
        {
            nodes[i] = new TaskNode(ordered[i], i, doneMarks?.Invoke(ordered[i]));
            byName[ordered[i].Name] = nodes[i];
        }

        foreach (var (from, to) in pipeline.Edges)
        {
            var upstream = byName[from];
            var downstream = byName[to];
            if (upstream.Grid.Dims != downstream.Grid.Dims)
            {
                throw new PipelineException(
                    $"task '{to}' ({downstream.Grid.Dims}-D blocks) cannot follow task '{from}' ({upstream.Grid.Dims}-D blocks)");
            }

            upstream.Downstream.Add(downstream);
            downstream.Upstream.Add(upstream);
        }

        foreach (var node in nodes)
        {
            if (node.Upstream.Count > 0 || node.Grid.LevelCount > 1)
            {
                node.Remaining = new int[node.Grid.BlockCount];
            }

            if (node.Upstream.Count > 0 && IsCoveredByAnUpstreamTask(node))
            {
                // Every block reads something an upstream block writes, so none is a root: skip the scan.
                node.RootCursor = node.RootCount;
            }
        }

        Tasks = ordered;
    }

    public Scheduler(IBlockwiseTask task, Func<IBlockwiseTask, IDoneMarks?>? doneMarks = null)
        : this(Pipeline.Of(task), doneMarks)
    {
    }

    public IReadOnlyList<IBlockwiseTask> Tasks { get; }

    public bool IsFinished
    {
        get
        {
            lock (gate)
            {
                return AllFinished();
            }
        }
    }

    /// <summary>The block grid of a task.</summary>
    public BlockGrid GridOf(string taskName) => Node(taskName).Grid;

    public TaskState GetState(string taskName)
    {
        lock (gate)
        {
            return Node(taskName).Snapshot();
        }
    }

    /// <summary>Counters of every task, upstream tasks first.</summary>
    public IReadOnlyList<TaskState> GetStates()
    {
        lock (gate)
        {
            var states = new TaskState[nodes.Length];
            for (int i = 0; i < nodes.Length; i++)
            {
                states[i] = nodes[i].Snapshot();
            }

            return states;
        }
    }

    /// <summary>Every failed attempt of the task's blocks, in order.</summary>
    public IReadOnlyList<FailureRecord> FailuresOf(string taskName)
    {
        lock (gate)
        {
            return [.. Node(taskName).Failures];
        }
    }

    public void ReportPeakMemory(string taskName, long peakResidentBytes) => memoryPeaks.Record(taskName, peakResidentBytes);

    /// <summary>The highest peak resident memory a worker of the task reported, in bytes; null when none did.</summary>
    public long? PeakMemoryOf(string taskName) => memoryPeaks.PeakOf(taskName);

    public bool IsTaskFinished(string taskName)
    {
        lock (gate)
        {
            return Node(taskName).IsFinished;
        }
    }

    public IReadOnlyList<Block> Acquire(string taskName, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var node = Node(taskName);
        List<Block>? blocks = null;
        lock (gate)
        {
            bool skippedAny = false;
            while ((blocks?.Count ?? 0) < maxCount)
            {
                long index = NextReady(node);
                if (index < 0)
                {
                    break;
                }

                if (node.DoneMarks is { } marks && marks.IsDone(index))
                {
                    node.Skipped++;
                    Complete(node, index);
                    skippedAny = true;
                    if (node.SkipsDoneRootsInBulk)
                    {
                        // A done block rarely comes alone: on a resume, whole stretches after it are done.
                        SkipDoneRoots(node, marks);
                    }

                    continue;
                }

                node.States[index] = BlockState.Processing;
                node.Processing++;
                node.Started = true;
                (blocks ??= new List<Block>(Math.Min(maxCount, 64))).Add(node.Grid.CreateBlock(index));
            }

            if (skippedAny)
            {
                SignalChange();
            }
        }

        return blocks ?? (IReadOnlyList<Block>)[];
    }

    public void Succeeded(Block block)
    {
        var node = Node(block.TaskName);
        lock (gate)
        {
            long index = ProcessingIndex(node, block, "succeeded");
            node.DoneMarks?.MarkDone(index);
            node.Processing--;
            Complete(node, index);
            SignalChange();
        }
    }

    public void Failed(Block block, BlockFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var node = Node(block.TaskName);
        lock (gate)
        {
            long index = ProcessingIndex(node, block, "failed");
            node.Processing--;
            node.Failures.Add(new FailureRecord(block.Id, failure));
            node.Retries.TryGetValue(index, out int retries);
            if (retries >= node.MaxRetries)
            {
                node.Retries.Remove(index);
                node.States[index] = BlockState.Failed;
                node.Failed++;
                Orphan(node, index);
                if (node.IsFinished)
                {
                    SignalReady(node);
                }
            }
            else
            {
                node.Retries[index] = retries + 1;
                Enqueue(node, index);
            }

            SignalChange();
        }
    }

    public Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (AllFinished())
            {
                return Task.CompletedTask;
            }

            hasChangeWaiter = true;
            return changeSignal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Completes as soon as the task may have a ready block or is finished (immediately when that is already
    /// so), without the race of "acquire found nothing, then wait" missing a block that became ready in between.
    /// </summary>
    public Task WaitForReadyAsync(string taskName, CancellationToken cancellationToken)
    {
        var node = Node(taskName);
        lock (gate)
        {
            if (node.ReadyQueue.Count > 0 || node.RootCursor < node.RootCount || node.IsFinished)
            {
                return Task.CompletedTask;
            }

            node.HasReadyWaiter = true;
            return node.ReadySignal.Task.WaitAsync(cancellationToken);
        }
    }

    private TaskNode Node(string taskName) =>
        byName.TryGetValue(taskName, out var node) ? node : throw new KeyNotFoundException($"the scheduler has no task named '{taskName}'");

    private bool AllFinished()
    {
        foreach (var node in nodes)
        {
            if (!node.IsFinished)
            {
                return false;
            }
        }

        return true;
    }

    private long ProcessingIndex(TaskNode node, Block block, string report)
    {
        long index = node.Grid.LinearIndexOf(block);
        if (index < 0)
        {
            throw new ArgumentException($"block {block} is not a block of task '{node.Task.Name}'", nameof(block));
        }

        if (node.States[index] != BlockState.Processing)
        {
            throw new InvalidOperationException(
                $"block {block} reported {report} but it is not being processed (state {node.States[index]}); each block is reported once");
        }

        return index;
    }

    // Source tasks hand out their roots (level 0) first, as daisy does; other tasks work through their queue and
    // then look for level-0 blocks that have no upstream block at all (they would otherwise never become ready).
    private long NextReady(TaskNode node)
    {
        Span<long> cell = stackalloc long[node.Grid.Dims];
        if (node.IsSource && node.RootCursor < node.RootCount)
        {
            node.Grid.LevelCell(0, node.RootCursor++, cell);
            return node.Grid.LinearIndex(cell);
        }

        while (node.ReadyQueue.TryDequeue(out long queued))
        {
            if (node.States[queued] == BlockState.Ready)
            {
                return queued;
            }
        }

        while (node.RootCursor < node.RootCount)
        {
            node.Grid.LevelCell(0, node.RootCursor++, cell);
            long index = node.Grid.LinearIndex(cell);
            if (node.States[index] == BlockState.Untouched && CountUpstream(node, cell) == 0)
            {
                return index;
            }
        }

        return -1;
    }

    // For a task that skips done roots in bulk the root cursor is the dense index of the next root, so the done
    // stretch starting there is completed in one step: a resume of a billion done blocks costs a scan of their
    // bitmap, not a billion steps.
    private void SkipDoneRoots(TaskNode node, IDoneMarks marks)
    {
        long begin = node.RootCursor;
        long end = marks.FirstNotDone(begin, node.RootCount);
        if (end == begin)
        {
            return;
        }

        node.States.Fill(begin, end, BlockState.Completed);
        node.RootCursor = end;
        node.Skipped += end - begin;
        node.Completed += end - begin;
        if (node.IsFinished)
        {
            SignalReady(node);
        }
    }

    private static bool IsCoveredByAnUpstreamTask(TaskNode node)
    {
        int dims = node.Grid.Dims;
        Span<long> readBegin = stackalloc long[dims];
        Span<long> readEnd = stackalloc long[dims];
        Span<long> writeBegin = stackalloc long[dims];
        Span<long> writeEnd = stackalloc long[dims];
        node.Grid.ReadCoverage(readBegin, readEnd);
        foreach (var upstream in node.Upstream)
        {
            upstream.Grid.WriteCoverage(writeBegin, writeEnd);
            bool contains = upstream.Grid.BlockCount > 0;
            for (int d = 0; d < dims && contains; d++)
            {
                contains = writeBegin[d] <= readBegin[d] && readEnd[d] <= writeEnd[d];
            }

            if (contains)
            {
                return true;
            }
        }

        return false;
    }

    private int CountUpstream(TaskNode node, ReadOnlySpan<long> cell)
    {
        int count = node.Grid.CountUpstream(cell);
        if (node.Upstream.Count == 0)
        {
            return count;
        }

        Span<long> begin = stackalloc long[node.Grid.Dims];
        Span<long> end = stackalloc long[node.Grid.Dims];
        node.Grid.ReadBox(cell, begin, end);
        foreach (var upstream in node.Upstream)
        {
            count += upstream.Grid.CountWriteOverlapping(begin, end);
        }

        return count;
    }

    private void CollectDownstream(TaskNode node, long index, List<(TaskNode Node, long Index)> downstream)
    {
        downstream.Clear();
        if (node.Downstream.Count == 0 && node.Grid.LevelCount <= 1)
        {
            return;
        }

        Span<long> cell = stackalloc long[node.Grid.Dims];
        node.Grid.CellOf(index, cell);
        neighbourBuffer.Clear();
        node.Grid.AddDownstream(cell, neighbourBuffer);
        foreach (var neighbour in neighbourBuffer)
        {
            downstream.Add((node, neighbour));
        }

        if (node.Downstream.Count == 0)
        {
            return;
        }

        Span<long> begin = stackalloc long[node.Grid.Dims];
        Span<long> end = stackalloc long[node.Grid.Dims];
        node.Grid.WriteBox(cell, begin, end);
        foreach (var next in node.Downstream)
        {
            neighbourBuffer.Clear();
            next.Grid.AddReadOverlapping(begin, end, neighbourBuffer);
            foreach (var neighbour in neighbourBuffer)
            {
                downstream.Add((next, neighbour));
            }
        }
    }

    private void Complete(TaskNode node, long index)
    {
        node.States[index] = BlockState.Completed;
        node.Completed++;
        CollectDownstream(node, index, pairBuffer);
        if (pairBuffer.Count > 0)
        {
            Span<long> cell = stackalloc long[node.Grid.Dims];
            List<(TaskNode Node, long Index, ulong Id)>? ready = null;
            foreach (var (next, nextIndex) in pairBuffer)
            {
                var state = next.States[nextIndex];
                if (state == BlockState.Untouched)
                {
                    next.Grid.CellOf(nextIndex, cell);
                    next.Remaining![nextIndex] = CountUpstream(next, cell);
                    next.States[nextIndex] = BlockState.Waiting;
                    state = BlockState.Waiting;
                }

                if (state == BlockState.Waiting && --next.Remaining![nextIndex] == 0)
                {
                    (ready ??= []).Add((next, nextIndex, next.Grid.BlockId(nextIndex)));
                }
            }

            if (ready is not null)
            {
                // daisy queues newly ready blocks in the order of their spatial ids.
                ready.Sort((a, b) => a.Id.CompareTo(b.Id));
                foreach (var (next, nextIndex, _) in ready)
                {
                    Enqueue(next, nextIndex);
                }
            }
        }

        if (node.IsFinished)
        {
            SignalReady(node);
        }
    }

    private void Enqueue(TaskNode node, long index)
    {
        node.States[index] = BlockState.Ready;
        node.ReadyQueue.Enqueue(index);
        SignalReady(node);
    }

    // Every block that (transitively) depends on a permanently failed block is orphaned exactly once.
    private void Orphan(TaskNode node, long index)
    {
        var pending = new Stack<(TaskNode Node, long Index)>();
        pending.Push((node, index));
        var downstream = new List<(TaskNode Node, long Index)>();
        while (pending.TryPop(out var current))
        {
            CollectDownstream(current.Node, current.Index, downstream);
            foreach (var (next, nextIndex) in downstream)
            {
                var state = next.States[nextIndex];
                if (state is BlockState.Untouched or BlockState.Waiting)
                {
                    next.States[nextIndex] = BlockState.Orphaned;
                    next.Orphaned++;
                    pending.Push((next, nextIndex));
                    if (next.IsFinished)
                    {
                        SignalReady(next);
                    }
                }
            }
        }
    }

    private void SignalReady(TaskNode node)
    {
        if (node.HasReadyWaiter)
        {
            node.HasReadyWaiter = false;
            var signal = node.ReadySignal;
            node.ReadySignal = TaskNode.NewSignal();
            signal.SetResult();
        }
    }

    private void SignalChange()
    {
        if (hasChangeWaiter)
        {
            hasChangeWaiter = false;
            var signal = changeSignal;
            changeSignal = TaskNode.NewSignal();
            signal.SetResult();
        }
    }
}
