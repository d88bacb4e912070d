namespace Volara.Runtime.Tasks.Kernels;

/// <summary>Fragment ids renumbered 1..k in order of first appearance (0 stays 0), so pairs of them pack into 64 bits.</summary>
internal static class DenseIds
{
    /// <summary>Writes the dense ids of <paramref name="ids"/> to <paramref name="dense"/>; returns the original of dense id i + 1 at index i.</summary>
    public static List<ulong> Relabel(ReadOnlySpan<ulong> ids, Span<uint> dense)
    {
        var map = new UInt64IndexMap();
        ulong last = 0;
        uint lastDense = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            ulong id = ids[i];
            if (id != last)
            {
                last = id;
                lastDense = id == 0 ? 0 : checked((uint)(map.GetOrAdd(id) + 1));
            }

            dense[i] = lastDense;
        }

        return map.Keys;
    }
}
