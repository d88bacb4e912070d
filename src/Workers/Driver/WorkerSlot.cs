namespace Volara.Workers.Driver;

/// <summary>
/// The driver's record of one worker process: the blocks it holds, how many more it asked for, and its
/// lifecycle. Guarded by <see cref="Gate"/>; a block leaves <see cref="Held"/> exactly once (report, timeout
/// or death), which is what makes late reports harmless.
/// </summary>
internal sealed class WorkerSlot(int id, TaskWorkers task)
{
    public int Id { get; } = id;

    public TaskWorkers Task { get; } = task;

    public Lock Gate { get; } = new();

    public Dictionary<ulong, HeldBlock> Held { get; } = [];

    /// <summary>Blocks the worker asked for and has not been sent yet.</summary>
    public int Demand { get; set; }

    public IWorkerHandle? Process { get; set; }

    public long StartedTimestamp { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public bool Connected { get; set; }

    public bool ShutdownSent { get; set; }

    public bool TimedOut { get; set; }

    public bool Exited { get; set; }

    /// <summary>Set when demand grows or the slot stops, to wake the stream writer.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>Cancelled when the worker has exited or the run ends: its stream closes.</summary>
    public CancellationTokenSource Stopping { get; } = new();
}
