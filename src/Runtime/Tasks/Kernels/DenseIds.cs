using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>Fragment ids renumbered 1..k in order of first appearance (0 stays 0), so pairs of them pack into 64 bits.</summary>
internal static class DenseIds
{
    /// <summary>Writes the dense ids of <paramref name="ids"/> to <paramref name="dense"/>; returns the original of dense id i + 1 at index i.</summary>
    public static List<ulong> Relabel(ReadOnlySpan<ulong> ids, Span<uint> dense)
    {
        var map = new UInt64IndexMap();
        ref ulong id = ref MemoryMarshal.GetReference(ids);
        ref uint target = ref MemoryMarshal.GetReference(dense);
        ulong last = 0;
        uint lastDense = 0;
        int i = 0;
        while (i < ids.Length)
        {
            // Fragments run along rows: copy whole vectors of the current id without a look-up.
            if (Vector256.IsHardwareAccelerated && ids.Length - i >= Vector256<ulong>.Count
                && Vector256.LoadUnsafe(ref id, (nuint)i) == Vector256.Create(last))
            {
                Vector128.Create(lastDense).StoreUnsafe(ref target, (nuint)i);
                i += Vector256<ulong>.Count;
                continue;
            }

            ulong current = Unsafe.Add(ref id, i);
            if (current != last)
            {
                last = current;
                lastDense = current == 0 ? 0 : checked((uint)(map.GetOrAdd(current) + 1));
            }

            Unsafe.Add(ref target, i) = lastDense;
            i++;
        }

        return map.Keys;
    }
}
