using System.Numerics;
using System.Numerics.Tensors;
using Volara.Runtime.Memory;
using Volara.Runtime.Segmentation;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// volara's SeededExtractFrags on one block: a mutex watershed over the read region with skeleton seeds, keeping only
/// the segments that grew from a seed (every other label becomes 0), cropped to the write region.
/// </summary>
/// <remarks>
/// The watershed input is volara's: <c>affs + bias + 0.001 · N(0, 1) + 0.01 · (gaussian(affs, sigma) − 0.5)</c>, the
/// smoothing over the spatial axes of each channel separately and the noise drawn from a generator seeded by the
/// block id (a retried block gives the same segments).
/// </remarks>
public static class SeededFragmentsKernel
{
    /// <summary>Standard deviation of the tie-breaking noise.</summary>
    public const double NoiseScale = 0.001;

    /// <summary>Weight of the centred smoothed affinities added to the affinities.</summary>
    public const double SmoothingWeight = 0.01;

    /// <param name="affs">Channel-first affinities over <paramref name="readGrid"/>; uint8 means value / 255.</param>
    /// <param name="seeds">Seed values over <paramref name="readGrid"/> (0 = unseeded).</param>
    /// <param name="writeOffset">Where the write region starts inside the read grid, per axis.</param>
    /// <param name="segments">Output over <paramref name="writeGrid"/>: the seed value of each voxel's segment, or 0.</param>
    /// <returns>False when the block was skipped (no seed, or no affinity above <see cref="ExtractFragsKernel.EmptyBlockMaximum"/>).</returns>
    public static bool Run<T>(
        ReadOnlySpan<T> affs,
        ReadOnlySpan<ulong> seeds,
        VoxelGrid readGrid,
        ReadOnlySpan<int> writeOffset,
        VoxelGrid writeGrid,
        SeededSettings settings,
        ulong blockId,
        Span<ulong> segments)
        where T : unmanaged, INumber<T>
    {
        int voxels = readGrid.VoxelCount;
        int channels = settings.Offsets.Count;
        if (affs.Length < channels * voxels || seeds.Length != voxels || segments.Length != writeGrid.VoxelCount || settings.Bias.Count != channels)
        {
            throw new ArgumentException($"affinities ({affs.Length} values), seeds ({seeds.Length}), bias ({settings.Bias.Count}) or segments ({segments.Length}) do not match {channels} channels of {voxels} voxels");
        }

        segments.Clear();
        double scale = typeof(T) == typeof(byte) ? 1.0 / 255 : 1.0;
        if (voxels == 0 || seeds.IndexOfAnyExcept(0UL) < 0 || double.CreateTruncating(TensorPrimitives.Max(affs[..(channels * voxels)])) * scale < ExtractFragsKernel.EmptyBlockMaximum)
        {
            return false;
        }

        int length = channels * voxels;
        using var plain = ScratchMemory.Rent<float>(length);
        using var input = ScratchMemory.Rent<float>(length);
        using var labels = ScratchMemory.Rent<ulong>(voxels);
        var affinities = plain.Span;
        for (int i = 0; i < length; i++)
        {
            affinities[i] = (float)(double.CreateTruncating(affs[i]) * scale);
        }

        var shifted = input.Span;
        GaussianFilter.ApplyPerChannel(affinities, channels, readGrid.Shape, settings.Sigma, shifted);
        for (int i = 0; i < length; i++)
        {
            shifted[i] = affinities[i] + (float)(SmoothingWeight * (shifted[i] - 0.5));
        }

        ExtractFragsKernel.AddNoise(shifted, NoiseScale, ExtractFragsKernel.BlockSeed(blockId));
        var readLabels = labels.Span;
        var options = settings.Strides is null
            ? null
            : new MutexWatershedOptions { Strides = settings.Strides, RandomizedStrides = settings.RandomizedStrides, RandomSeed = ExtractFragsKernel.BlockSeed(blockId) };
        MutexWatershed.Agglomerate((ReadOnlySpan<float>)shifted, readGrid.Shape, settings.Offsets, [.. settings.Bias], readLabels, seeds, options);
        KeepSeeded(readLabels, seeds);
        ExtractFragsKernel.Crop(readLabels, readGrid, writeOffset, writeGrid, segments);
        return true;
    }

    /// <summary>Zeroes every label that is not one of the seed values (segments that grew from no seed).</summary>
    private static void KeepSeeded(Span<ulong> labels, ReadOnlySpan<ulong> seeds)
    {
        var seedValues = new HashSet<ulong>();
        foreach (ulong seed in seeds)
        {
            if (seed != 0)
            {
                seedValues.Add(seed);
            }
        }

        // Labels come in runs: test each run once.
        ulong last = 0;
        bool keep = false;
        for (int i = 0; i < labels.Length; i++)
        {
            ulong label = labels[i];
            if (label != last)
            {
                last = label;
                keep = label != 0 && seedValues.Contains(label);
            }

            if (!keep)
            {
                labels[i] = 0;
            }
        }
    }
}
