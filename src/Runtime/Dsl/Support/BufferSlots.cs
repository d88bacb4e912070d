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
        where T : unmanaged
    {
        var slots = new InputBuffer<T>[BlockPipeline.Slots];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = new InputBuffer<T>(configured);
        }

        return slots;
    }

    public static OutputBuffer<T>[] Outputs<T>(VolumeArray? configured)
        where T : unmanaged
    {
        var slots = new OutputBuffer<T>[BlockPipeline.Slots];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = new OutputBuffer<T>(configured);
        }

        return slots;
    }

    public static void Dispose(IDisposable[] slots)
    {
        foreach (var slot in slots)
        {
            slot.Dispose();
        }
    }
}
