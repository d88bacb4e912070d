using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// volara's AffAgglom scoring of one block: for each channel k with offset o and every voxel p where p and p + o are
/// both in the block and hold different non-zero fragments, the affinity at (k, p) is one sample of the unordered
/// pair {frags[p], frags[p + o]}. A score pools the samples of its offsets: its value is the mean over all of them
/// (not a mean of per-offset means), absent when the pair had none.
/// </summary>
public static class AffAgglomKernel
{
    /// <param name="affs">Channel-first affinities over <paramref name="grid"/>; channels beyond the offsets are ignored.</param>
    /// <param name="frags">Fragment ids over <paramref name="grid"/> (not modified); 0 is background.</param>
    /// <param name="offsets">The neighbourhood: channel k relates p and p + offsets[k].</param>
    /// <param name="scoreChannels">For each score, the channels pooled into it.</param>
    /// <param name="scale">Multiplies every affinity (1/255 for uint8 data, else 1).</param>
    public static FragmentEdges Score<T>(
        ReadOnlySpan<T> affs,
        ReadOnlySpan<ulong> frags,
        VoxelGrid grid,
        IReadOnlyList<Coordinate> offsets,
        IReadOnlyList<IReadOnlyList<int>> scoreChannels,
        double scale)
        where T : unmanaged, INumber<T>
    {
        int voxels = grid.VoxelCount;
        if (frags.Length != voxels)
        {
            throw new ArgumentException($"fragments hold {frags.Length} voxels, the block has {voxels}", nameof(frags));
        }

        int channels = voxels == 0 ? 0 : affs.Length / voxels;
        if (voxels > 0 && affs.Length % voxels != 0)
        {
            throw new ArgumentException($"affinities hold {affs.Length} values, not a whole number of {voxels}-voxel channels", nameof(affs));
        }

        // Only channels some score pools are scanned; slot j accumulates channel used[j].
        var used = new List<int>();
        var slotOfChannel = new Dictionary<int, int>();
        foreach (var group in scoreChannels)
        {
            foreach (int channel in group)
            {
                if (channel < 0 || channel >= offsets.Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(scoreChannels), $"score channel {channel} is not one of the {offsets.Count} offsets");
                }

                if (channel >= channels)
                {
                    throw new ArgumentException($"score channel {channel} is missing: the affinities have {channels} channels", nameof(affs));
                }

                if (slotOfChannel.TryAdd(channel, used.Count))
                {
                    used.Add(channel);
                }
            }
        }

        uint[] dense = ArrayPool<uint>.Shared.Rent(Math.Max(voxels, 1));
        try
        {
            var ids = DenseIds.Relabel(frags, dense);
            var accumulator = new PairAccumulator(used.Count);
            for (int slot = 0; slot < used.Count; slot++)
            {
                int channel = used[slot];
                var rows = grid.RowsFor(offsets[channel]);
                long delta = grid.LinearDelta(offsets[channel]);
                var plane = affs.Slice(channel * voxels, voxels);
                while (rows.MoveNext())
                {
                    ScanRow(dense.AsSpan(0, voxels), plane, (int)rows.Start, (int)(rows.Start + delta), rows.Length, slot, accumulator);
                }
            }

            return accumulator.ToEdges(ids, scoreChannels, slotOfChannel, scale);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(dense);
        }
    }

    private static void ScanRow<T>(ReadOnlySpan<uint> dense, ReadOnlySpan<T> plane, int start, int neighbourStart, int length, int slot, PairAccumulator accumulator)
        where T : unmanaged, INumber<T>
    {
        ref uint a = ref Unsafe.Add(ref MemoryMarshal.GetReference(dense), start);
        ref uint b = ref Unsafe.Add(ref MemoryMarshal.GetReference(dense), neighbourStart);
        ref T values = ref Unsafe.Add(ref MemoryMarshal.GetReference(plane), start);
        int i = 0;
        while (i < length)
        {
            // Most pairs lie inside one fragment: jump to the first pair of different ids.
            i = FirstDifference(ref a, ref b, i, length);
            if (i == length)
            {
                break;
            }

            uint first = Unsafe.Add(ref a, i);
            uint second = Unsafe.Add(ref b, i);

            // A boundary runs along the row: find its end, sum the run, add it once.
            int end = RunEnd(ref a, ref b, i + 1, length, first, second);
            if (first != 0 && second != 0)
            {
                double sum;
                if (typeof(T) == typeof(byte))
                {
                    // Integer sums: no floating-point dependency chain.
                    ref byte bytes = ref Unsafe.As<T, byte>(ref values);
                    int integerSum = 0;
                    for (int j = i; j < end; j++)
                    {
                        integerSum += Unsafe.Add(ref bytes, j);
                    }

                    sum = integerSum;
                }
                else
                {
                    sum = 0;
                    for (int j = i; j < end; j++)
                    {
                        sum += double.CreateTruncating(Unsafe.Add(ref values, j));
                    }
                }

                ulong key = first < second ? ((ulong)first << 32) | second : ((ulong)second << 32) | first;
                accumulator.Add(key, slot, sum, end - i);
            }

            i = end;
        }
    }

    /// <summary>The first index ≥ <paramref name="i"/> where a and b differ, or <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FirstDifference(ref uint a, ref uint b, int i, int length)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            for (; length - i >= Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                uint equal = Vector256.Equals(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i)).ExtractMostSignificantBits();
                if (equal != 0xFFu)
                {
                    return i + BitOperations.TrailingZeroCount(~equal);
                }
            }
        }

        for (; i < length; i++)
        {
            if (Unsafe.Add(ref a, i) != Unsafe.Add(ref b, i))
            {
                return i;
            }
        }

        return length;
    }

    /// <summary>The first index ≥ <paramref name="i"/> where (a, b) is no longer (first, second), or <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunEnd(ref uint a, ref uint b, int i, int length, uint first, uint second)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var firsts = Vector256.Create(first);
            var seconds = Vector256.Create(second);
            for (; length - i >= Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                var same = Vector256.Equals(Vector256.LoadUnsafe(ref a, (nuint)i), firsts) & Vector256.Equals(Vector256.LoadUnsafe(ref b, (nuint)i), seconds);
                uint bits = same.ExtractMostSignificantBits();
                if (bits != 0xFFu)
                {
                    return i + BitOperations.TrailingZeroCount(~bits);
                }
            }
        }

        for (; i < length; i++)
        {
            if (Unsafe.Add(ref a, i) != first || Unsafe.Add(ref b, i) != second)
            {
                return i;
            }
        }

        return length;
    }
}
