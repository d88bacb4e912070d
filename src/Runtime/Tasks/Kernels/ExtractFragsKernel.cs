using System.Numerics;
using System.Numerics.Tensors;
using Volara.Runtime.Memory;
using Volara.Runtime.Segmentation;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// volara's ExtractFrags on one block (spec order): scale, mask, smooth, noise, bias, mutex watershed over the read
/// region, filter_fragments, remove_debris, crop to the write region, relabel connected components (full
/// connectivity, raster order of first voxel), and shift ids by <c>block id × voxels per block</c>.
/// </summary>
public static class ExtractFragsKernel
{
    /// <summary>Below this maximum affinity (after scaling) a block holds nothing: volara skips it.</summary>
    public const double EmptyBlockMaximum = 1e-3;

    /// <param name="affs">Channel-first affinities over <paramref name="readGrid"/>; uint8 means value / 255.</param>
    /// <param name="mask">Empty, or a mask over the read grid (one or more channels) multiplied into the affinities.</param>
    /// <param name="writeOffset">Where the write region starts inside the read grid, in voxels per axis.</param>
    /// <param name="fragments">Output over <paramref name="writeGrid"/>: globally unique fragment ids, 0 = background.</param>
    /// <returns>The block's fragments; empty when the block holds no affinity above <see cref="EmptyBlockMaximum"/>.</returns>
    public static FragmentNodes Run<T>(
        ReadOnlySpan<T> affs,
        ReadOnlySpan<float> mask,
        VoxelGrid readGrid,
        ReadOnlySpan<int> writeOffset,
        VoxelGrid writeGrid,
        ExtractFragsSettings settings,
        ulong blockId,
        Span<ulong> fragments)
        where T : unmanaged, INumber<T>
    {
        int voxels = readGrid.VoxelCount;
        int channels = settings.Offsets.Count;
        CheckShapes(affs.Length, mask.Length, readGrid, writeOffset, writeGrid, settings, fragments.Length);
        fragments.Clear();
        bool isByte = typeof(T) == typeof(byte);
        double scale = isByte ? 1.0 / 255 : 1.0;
        if (voxels == 0 || double.CreateTruncating(TensorPrimitives.Max(affs)) * scale < EmptyBlockMaximum)
        {
            return FragmentNodes.Empty(readGrid.Dims);
        }

        var voxelMask = MaskReduction.Reduce(mask, voxels);
        var labels = ScratchMemory.Rent<ulong>(voxels);
        try
        {
            var readLabels = labels.Span;
            if (isByte && settings.Sigma is null && settings.NoiseEps is null && voxelMask.IsBinaryOrAbsent)
            {
                AgglomerateBytes(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(affs[..(channels * voxels)]), voxelMask, readGrid, settings, blockId, readLabels);
            }
            else
            {
                AgglomerateFloats(affs[..(channels * voxels)], scale, voxelMask, readGrid, settings, blockId, readLabels);
            }

            if (settings.RemoveDebris > 0)
            {
                FragmentFilters.RemoveDebris(readLabels, settings.RemoveDebris);
            }

            Crop(readLabels, readGrid, writeOffset, writeGrid, fragments);
        }
        finally
        {
            labels.Dispose();
            voxelMask.Dispose();
        }

        int count = ConnectedComponents.Relabel(fragments, writeGrid.Shape, Connectivity.Full, fragments);
        if ((ulong)count > settings.IdsPerBlock)
        {
            throw new InvalidOperationException($"block {blockId} has {count} fragments, more than the {settings.IdsPerBlock} ids a block may use");
        }

        if ((UInt128)blockId * settings.IdsPerBlock + (ulong)count > ulong.MaxValue)
        {
            throw new OverflowException($"the fragment ids of block {blockId} ({blockId} × {settings.IdsPerBlock} + up to {count}) do not fit in 64 bits");
        }

        ulong idBase = blockId * settings.IdsPerBlock;
        var nodes = FragmentNodes.Measure(fragments, writeGrid, count, idBase);
        if (idBase != 0)
        {
            for (int i = 0; i < fragments.Length; i++)
            {
                if (fragments[i] != 0)
                {
                    fragments[i] += idBase;
                }
            }
        }

        return nodes;
    }

    /// <summary>The seed of block <paramref name="blockId"/>'s noise and randomized strides: same block, same draw.</summary>
    public static ulong BlockSeed(ulong blockId)
    {
        // SplitMix64 finaliser: neighbouring block ids get unrelated seeds.
        ulong z = blockId + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static void AgglomerateBytes(ReadOnlySpan<byte> affs, MaskReduction mask, VoxelGrid grid, ExtractFragsSettings settings, ulong blockId, Span<ulong> labels)
    {
        int voxels = grid.VoxelCount;
        ScratchBuffer<byte>? masked = null;
        try
        {
            if (!mask.IsAbsent)
            {
                var copy = ScratchMemory.Rent<byte>(affs.Length);
                masked = copy;
                affs.CopyTo(copy.Span);
                for (int c = 0; c < settings.Offsets.Count; c++)
                {
                    var plane = copy.Span.Slice(c * voxels, voxels);
                    for (int v = 0; v < voxels; v++)
                    {
                        if (mask.Weights[v] == 0)
                        {
                            plane[v] = 0;
                        }
                    }
                }

                affs = copy.Span;
            }

            MutexWatershed.Agglomerate(affs, grid.Shape, settings.Offsets, BiasOf(settings), labels, default, Options(settings, blockId));
            if (settings.FilterFragments > 0)
            {
                FragmentFilters.FilterByMeanAffinity(labels, affs, grid.Dims, settings.FilterFragments);
            }
        }
        finally
        {
            masked?.Dispose();
        }
    }

    private static void AgglomerateFloats<T>(ReadOnlySpan<T> affs, double scale, MaskReduction mask, VoxelGrid grid, ExtractFragsSettings settings, ulong blockId, Span<ulong> labels)
        where T : unmanaged, INumber<T>
    {
        int voxels = grid.VoxelCount;
        int length = affs.Length;
        var values = ScratchMemory.Rent<float>(length);
        ScratchBuffer<float>? shifted = null;
        try
        {
            var affinities = values.Span;
            for (int i = 0; i < length; i++)
            {
                affinities[i] = (float)(double.CreateTruncating(affs[i]) * scale);
            }

            if (!mask.IsAbsent)
            {
                for (int c = 0; c < settings.Offsets.Count; c++)
                {
                    TensorPrimitives.Multiply(affinities.Slice(c * voxels, voxels), mask.Weights, affinities.Slice(c * voxels, voxels));
                }
            }

            // The watershed sees smoothed + noisy affinities; filter_fragments judges the plain ones.
            ReadOnlySpan<float> input = affinities;
            if (settings.Sigma is not null || settings.NoiseEps is not null)
            {
                var smoothed = ScratchMemory.Rent<float>(length);
                shifted = smoothed;
                var output = smoothed.Span;
                if (settings.Sigma is { } sigma)
                {
                    GaussianFilter.ApplyPerChannel(affinities, settings.Offsets.Count, grid.Shape, sigma.ToArray(), output);
                }
                else
                {
                    affinities.CopyTo(output);
                }

                if (settings.NoiseEps is { } eps)
                {
                    AddNoise(output, eps, BlockSeed(blockId));
                }

                input = output;
            }

            MutexWatershed.Agglomerate(input, grid.Shape, settings.Offsets, BiasOf(settings), labels, default, Options(settings, blockId));
            if (settings.FilterFragments > 0)
            {
                FragmentFilters.FilterByMeanAffinity(labels, (ReadOnlySpan<float>)affinities, grid.Dims, settings.FilterFragments);
            }
        }
        finally
        {
            values.Dispose();
            shifted?.Dispose();
        }
    }

    /// <summary>Adds N(0, eps²) noise from a generator seeded with <paramref name="seed"/> (Box–Muller pairs).</summary>
    internal static void AddNoise(Span<float> values, double eps, ulong seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        for (int i = 0; i < values.Length; i += 2)
        {
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            double angle = 2 * Math.PI * random.NextDouble();
            values[i] += (float)(eps * radius * Math.Cos(angle));
            if (i + 1 < values.Length)
            {
                values[i + 1] += (float)(eps * radius * Math.Sin(angle));
            }
        }
    }

    private static double[] BiasOf(ExtractFragsSettings settings) => settings.Bias is double[] array ? array : settings.Bias.ToArray();

    private static MutexWatershedOptions? Options(ExtractFragsSettings settings, ulong blockId) =>
        settings.Strides is null
            ? null
            : new MutexWatershedOptions { Strides = settings.Strides, RandomizedStrides = settings.RandomizedStrides, RandomSeed = BlockSeed(blockId) };

    /// <summary>Copies the write region (at <paramref name="offset"/> inside the read grid) row by row.</summary>
    internal static void Crop(ReadOnlySpan<ulong> source, VoxelGrid sourceGrid, ReadOnlySpan<int> offset, VoxelGrid targetGrid, Span<ulong> target)
    {
        int dims = targetGrid.Dims;
        int rowLength = targetGrid.Shape[dims - 1];
        if (targetGrid.VoxelCount == 0)
        {
            return;
        }

        Span<int> index = stackalloc int[dims];
        for (int row = 0; row < targetGrid.VoxelCount; row += rowLength)
        {
            long start = offset[dims - 1];
            for (int d = 0; d < dims - 1; d++)
            {
                start += (index[d] + offset[d]) * sourceGrid.Stride(d);
            }

            source.Slice((int)start, rowLength).CopyTo(target.Slice(row, rowLength));
            for (int d = dims - 2; d >= 0; d--)
            {
                if (++index[d] < targetGrid.Shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }
    }

    private static void CheckShapes(int affsLength, int maskLength, VoxelGrid readGrid, ReadOnlySpan<int> writeOffset, VoxelGrid writeGrid, ExtractFragsSettings settings, int fragmentsLength)
    {
        int voxels = readGrid.VoxelCount;
        int channels = settings.Offsets.Count;
        if (settings.Bias.Count != channels)
        {
            throw new ArgumentException($"bias has {settings.Bias.Count} values, the neighborhood {channels} offsets");
        }

        if (settings.Strides is { } strides && strides.Count != channels)
        {
            throw new ArgumentException($"strides has {strides.Count} entries, the neighborhood {channels} offsets");
        }

        if (affsLength < channels * voxels || (voxels > 0 && affsLength % voxels != 0))
        {
            throw new ArgumentException($"affinities hold {affsLength} values: need at least {channels} channels of {voxels} voxels");
        }

        if (maskLength != 0 && (voxels == 0 || maskLength % voxels != 0))
        {
            throw new ArgumentException($"the mask holds {maskLength} values, not a whole number of {voxels}-voxel channels");
        }

        if (fragmentsLength != writeGrid.VoxelCount || writeOffset.Length != readGrid.Dims || writeGrid.Dims != readGrid.Dims)
        {
            throw new ArgumentException("the write region does not match the fragments output or the read grid");
        }

        for (int d = 0; d < readGrid.Dims; d++)
        {
            if (writeOffset[d] < 0 || writeOffset[d] + writeGrid.Shape[d] > readGrid.Shape[d])
            {
                throw new ArgumentException($"the write region leaves the read region along axis {d}");
            }
        }
    }
}
