using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Most pairs lie inside one fragment: skip whole vectors of equal ids, look closer only at mixed ones.
            int width = Vector<uint>.Count;
            for (; i + width <= length; i += width)
            {
                if (Vector.EqualsAll(Vector.LoadUnsafe(ref a, (nuint)i), Vector.LoadUnsafe(ref b, (nuint)i)))
                {
                    continue;
                }

                for (int j = i; j < i + width; j++)
                {
                    Visit(Unsafe.Add(ref a, j), Unsafe.Add(ref b, j), plane, start + j, slot, accumulator);
                }
            }
        }

        for (; i < length; i++)
        {
            Visit(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), plane, start + i, slot, accumulator);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Visit<T>(uint first, uint second, ReadOnlySpan<T> plane, int voxel, int slot, PairAccumulator accumulator)
        where T : unmanaged, INumber<T>
    {
        if (first != second && first != 0 && second != 0)
        {
            ulong key = first < second ? ((ulong)first << 32) | second : ((ulong)second << 32) | first;
            accumulator.Add(key, slot, double.CreateTruncating(plane[voxel]));
        }
    }
}
