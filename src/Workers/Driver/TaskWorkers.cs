using Volara.Runtime.Engine;

namespace Volara.Workers.Driver;

/// <summary>
/// The driver's view of one task: its workers, blocks taken from the block source but not yet handed to a
/// worker (taken to learn that the task has work before starting processes), and its worker deaths.
/// </summary>
internal sealed class TaskWorkers(IBlockwiseTask task, IBlockSource source, int restartCap, IWorkerLauncher launcher)
{
    private readonly Lock _pendingGate = new();
    private readonly Queue<Block> _pending = new();

    public IBlockwiseTask Task { get; } = task;

    public string Name => Task.Name;

    public IBlockSource Source { get; } = source;

    /// <summary>Starts and ends this task's workers (local processes or cluster jobs).</summary>
    public IWorkerLauncher Launcher { get; } = launcher;

    public List<WorkerSlot> Slots { get; } = [];

    /// <summary>Worker deaths tolerated before the task is given up.</summary>
    public int RestartCap { get; } = restartCap;

    private readonly Lock _deathGate = new();
    private int _deaths;
    private string? _lastDeath;
    private int _lastDeadWorkerId = -1;

    /// <summary>Workers that exited abnormally (crash, kill, lost stream); timeouts are not counted, retries bound those.</summary>
    public int Deaths
    {
        get
        {
            lock (_deathGate)
            {
                return _deaths;
            }
        }
    }

    public string? LastDeath
    {
        get
        {
            lock (_deathGate)
            {
                return _lastDeath;
            }
        }
    }

    /// <summary>The worker that died last (-1 before any died): its log explains a given-up task.</summary>
    public int LastDeadWorkerId
    {
        get
        {
            lock (_deathGate)
            {
                return _lastDeadWorkerId;
            }
        }
    }

    public void RecordDeath(int workerId, string description)
    {
        lock (_deathGate)
        {
            _deaths++;
            _lastDeath = description;
            _lastDeadWorkerId = workerId;
        }
    }

    public bool GivenUp { get; set; }

    public bool IsFinished => Source.IsTaskFinished(Name);

    /// <summary>Takes up to <paramref name="maxCount"/> ready blocks: those already taken first, then fresh ones.</summary>
    public void Take(int maxCount, List<Block> into)
    {
        lock (_pendingGate)
        {
            while (maxCount > 0 && _pending.TryDequeue(out var block))
            {
                into.Add(block);
                maxCount--;
            }

            if (maxCount > 0)
            {
                into.AddRange(Source.Acquire(Name, maxCount));
            }
        }
    }

    /// <summary>True when a block is ready; takes one from the source to find out and keeps it for the next worker.</summary>
    public bool HasReadyBlock()
    {
        lock (_pendingGate)
        {
            if (_pending.Count > 0)
            {
                return true;
            }

            foreach (var block in Source.Acquire(Name, 1))
            {
                _pending.Enqueue(block);
            }

            return _pending.Count > 0;
        }
    }
}
