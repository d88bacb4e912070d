namespace Volara.Runtime.Memory;

/// <summary>One run of pages owned by <see cref="ScratchMemory"/>: handed out whole, or waiting for reuse.</summary>
internal sealed unsafe class ScratchBlock(void* address, nuint capacity)
{
    // A buffer lost without Dispose (a kernel that threw between renting and returning) would otherwise leak its
    // pages for the life of the worker.
    ~ScratchBlock()
    {
        if (Rented)
        {
            ScratchMemory.Abandon(this);
        }
    }

    public void* Address { get; } = address;

    public nuint Capacity { get; } = capacity;

    /// <summary>Handed out and not yet returned.</summary>
    public bool Rented { get; set; }

    /// <summary>The release epoch in which it was last handed out; idle blocks of older epochs are freed.</summary>
    public long LastEpoch { get; set; }
}
