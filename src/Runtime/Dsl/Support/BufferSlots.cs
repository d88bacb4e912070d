using System.ComponentModel;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Execution;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// The block buffers of a generated processor that overlaps I/O (<see cref="VolaraTaskAttribute.OverlapIo"/>): one per
/// <see cref="BlockPipeline"/> slot, each rented on its first block like any other buffer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BufferSlots
{
    public static InputBuffer<T>[] Inputs<T>(VolumeArray? configured)
        where T : unmanaged => Fill(() => new InputBuffer<T>(configured));

    public static OutputBuffer<T>[] Outputs<T>(VolumeArray? configured)
        where T : unmanaged => Fill(() => new OutputBuffer<T>(configured));

    public static void Dispose(IDisposable[] slots)
    {
        foreach (var slot in slots)
        {
            slot.Dispose();
        }
    }

    private static TBuffer[] Fill<TBuffer>(Func<TBuffer> create)
    {
        var slots = new TBuffer[BlockPipeline.Slots];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = create();
        }

        return slots;
    }
}
