using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Volara.Runtime.Geometry;
using Volara.Runtime.Memory;

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

        using var denseBuffer = ScratchMemory.Rent<uint>(voxels);
        var dense = denseBuffer.Span;
        int[] scratch = ArrayPool<int>.Shared.Rent((2 * grid.Shape[^1]) + 16);
        try
        {
            var ids = DenseIds.Relabel(frags, dense);
            using var accumulator = new PairAccumulator(used.Count, ids.Count);
            for (int slot = 0; slot < used.Count; slot++)
            {
                int channel = used[slot];
                var rows = grid.RowsFor(offsets[channel]);
                long delta = grid.LinearDelta(offsets[channel]);
                var plane = affs.Slice(channel * voxels, voxels);
                accumulator.BeginSlot(slot);
                if (typeof(T) == typeof(byte))
                {
                    var bytes = MemoryMarshal.Cast<T, byte>(plane);
                    while (rows.MoveNext())
                    {
                        ScanByteRow(dense, bytes, (int)rows.Start, (int)(rows.Start + delta), rows.Length, accumulator, scratch);
                    }
                }
                else
                {
                    while (rows.MoveNext())
                    {
                        ScanRow(dense, plane, (int)rows.Start, (int)(rows.Start + delta), rows.Length, accumulator);
                    }
                }
            }

            return accumulator.ToEdges(ids, scoreChannels, slotOfChannel, scale);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// <see cref="ScanRow"/> for uint8 affinities, whose integer sums do not depend on the order of addition. After
    /// the leading stretch of equal ids (skipped vectorised), one pass lists where the pair (a, b) changes (vector
    /// compares, left-packed without branches) and one pass takes the prefix sums of the row, so each run of a pair
    /// costs one difference of prefix sums and one pair look-up whatever its length.
    /// </summary>
    private static void ScanByteRow(ReadOnlySpan<uint> dense, ReadOnlySpan<byte> plane, int start, int neighbourStart, int length, PairAccumulator accumulator, int[] scratch)
    {
        ref uint a = ref Unsafe.Add(ref MemoryMarshal.GetReference(dense), start);
        ref uint b = ref Unsafe.Add(ref MemoryMarshal.GetReference(dense), neighbourStart);
        int first = FirstDifference(ref a, ref b, 0, length);
        if (first == length)
        {
            return;
        }

        // runStarts: where a run of one pair begins, then the row's end; prefix[j - first] = sum of values[first .. j).
        ref int runStarts = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref int prefix = ref Unsafe.Add(ref runStarts, length + 9);
        int runs = 1;
        runStarts = first;
        int j = first + 1;
        if (Avx2.IsSupported)
        {
            ref Vector256<int> packs = ref MemoryMarshal.GetArrayDataReference(LeftPack);
            var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            for (; length - j >= Vector256<uint>.Count; j += Vector256<uint>.Count)
            {
                var same = Vector256.Equals(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref a, (nuint)(j - 1)))
                    & Vector256.Equals(Vector256.LoadUnsafe(ref b, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)(j - 1)));
                uint changed = ~same.ExtractMostSignificantBits() & 0xFFu;
                var positions = Avx2.PermuteVar8x32(lanes + Vector256.Create(j), Unsafe.Add(ref packs, (int)changed));
                positions.StoreUnsafe(ref Unsafe.Add(ref runStarts, runs));
                runs += BitOperations.PopCount(changed);
            }
        }

        for (; j < length; j++)
        {
            Unsafe.Add(ref runStarts, runs) = j;
            runs += ((Unsafe.Add(ref a, j) ^ Unsafe.Add(ref a, j - 1)) | (Unsafe.Add(ref b, j) ^ Unsafe.Add(ref b, j - 1))) != 0 ? 1 : 0;
        }

        Unsafe.Add(ref runStarts, runs) = length;
        ref byte values = ref Unsafe.Add(ref MemoryMarshal.GetReference(plane), start + first);
        int sum = 0;
        prefix = 0;
        for (int k = 0; k < length - first; k++)
        {
            sum += Unsafe.Add(ref values, k);
            Unsafe.Add(ref prefix, k + 1) = sum;
        }

        for (int r = 0; r < runs; r++)
        {
            int runStart = Unsafe.Add(ref runStarts, r);
            uint u = Unsafe.Add(ref a, runStart), v = Unsafe.Add(ref b, runStart);
            if (u != v && u != 0 && v != 0)
            {
                int runEnd = Unsafe.Add(ref runStarts, r + 1);
                int runSum = Unsafe.Add(ref prefix, runEnd - first) - Unsafe.Add(ref prefix, runStart - first);
                ulong key = u < v ? ((ulong)u << 32) | v : ((ulong)v << 32) | u;
                accumulator.Add(key, runSum, runEnd - runStart);
            }
        }
    }

    /// <summary>For each 8-bit mask, a permutation moving the lanes of its set bits to the front (in order).</summary>
    private static readonly Vector256<int>[] LeftPack = CreateLeftPack();

    private static Vector256<int>[] CreateLeftPack()
    {
        var packs = new Vector256<int>[256];
        Span<int> lanes = stackalloc int[8];
        for (int mask = 0; mask < 256; mask++)
        {
            lanes.Clear();
            int count = 0;
            for (int lane = 0; lane < 8; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    lanes[count++] = lane;
                }
            }

            packs[mask] = Vector256.Create<int>(lanes);
        }

        return packs;
    }

    private static void ScanRow<T>(ReadOnlySpan<uint> dense, ReadOnlySpan<T> plane, int start, int neighbourStart, int length, PairAccumulator accumulator)
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
                accumulator.Add(key, sum, end - i);
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
