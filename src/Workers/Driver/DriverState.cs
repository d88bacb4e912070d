using System.Collections.Concurrent;
using Volara.Runtime.Engine;

namespace Volara.Workers.Driver;

/// <summary>What the gRPC service shares with the executor: the block source and the workers by id.</summary>
internal sealed class DriverState(IBlockSource source)
{
    private readonly ConcurrentDictionary<int, WorkerSlot> _slots = new();

    public IBlockSource Source { get; } = source;

    public void Add(WorkerSlot slot) => _slots[slot.Id] = slot;

    public WorkerSlot? Find(int workerId) => _slots.TryGetValue(workerId, out var slot) ? slot : null;
}
