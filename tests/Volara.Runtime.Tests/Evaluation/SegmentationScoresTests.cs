using System.Globalization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Evaluation;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Evaluation;

public sealed class SegmentationScoresTests
{
    private static readonly long[] Shape = [6, 14, 10];

    private static ulong[] RandomLabels(int seed, int labels, bool withBackground)
    {
        var random = new Random(seed);
        var values = new ulong[Shape[0] * Shape[1] * Shape[2]];
        for (int i = 0; i < values.Length; i++)
        {
            // Runs of a label, like real segmentations, broken up at random.
            values[i] = i > 0 && random.Next(4) != 0 ? values[i - 1] : (ulong)random.Next(withBackground ? 0 : 1, labels + 1);
        }

        return values;
    }

    private static string Write(TempDirectory temp, string name, ulong[] values, Coordinate? offset = null)
    {
        string path = temp.Combine("eval.zarr", name);
        var array = VolumeArray.Prepare(path, new PrepareOptions
        {
            Shape = Shape, ChunkShape = [4, 5, 5], DataType = DataType.UInt64, VoxelSize = new Coordinate(2, 1, 1), Offset = offset,
        });
        array.Write<ulong>(array.Roi, values);
        return path;
    }

    private static double[] SkimageScores(TempDirectory temp, ulong[] truth, ulong[] segmentation)
    {
        string truthFile = temp.Combine("truth.bin"), segmentationFile = temp.Combine("seg.bin");
        File.WriteAllBytes(truthFile, System.Runtime.InteropServices.MemoryMarshal.AsBytes(truth.AsSpan()).ToArray());
        File.WriteAllBytes(segmentationFile, System.Runtime.InteropServices.MemoryMarshal.AsBytes(segmentation.AsSpan()).ToArray());
        string output = ReferencePython.Run(
            """
            import sys, numpy as np
            from skimage.metrics import variation_of_information, adapted_rand_error
            gt = np.fromfile(sys.argv[1], dtype=np.uint64).astype(np.int64).reshape(6, 14, 10)
            seg = np.fromfile(sys.argv[2], dtype=np.uint64).astype(np.int64).reshape(6, 14, 10)
            split, merge = variation_of_information(gt, seg)
            are, precision, recall = adapted_rand_error(gt, seg)
            print(" ".join(repr(float(v)) for v in (split, merge, are, precision, recall)))
            """,
            truthFile, segmentationFile);
        return output.Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    [Theory]
    [InlineData(1, false, 3, 5, 4)]
    [InlineData(2, true, 6, 14, 10)]
    [InlineData(3, true, 1, 3, 7)]
    [InlineData(4, false, 2, 2, 2)]
    public void BlockwiseScoresMatchSkimage(int seed, bool withBackground, int bz, int by, int bx)
    {
        using var temp = new TempDirectory();
        var truth = RandomLabels(seed, 6, withBackground);
        var segmentation = RandomLabels(seed + 100, 9, withBackground);
        var expected = SkimageScores(temp, truth, segmentation);

        var scores = BlockwiseEvaluation.Evaluate(
            VolumeArray.Open(Write(temp, "seg", segmentation)), VolumeArray.Open(Write(temp, "gt", truth)), new Coordinate(bz, by, bx));

        Assert.Equal(expected[0], scores.VoiSplit, 1e-9);
        Assert.Equal(expected[1], scores.VoiMerge, 1e-9);
        Assert.Equal(expected[2], scores.AdaptedRandError, 1e-9);
        Assert.Equal(expected[3], scores.RandPrecision, 1e-9);
        Assert.Equal(expected[4], scores.RandRecall, 1e-9);
        Assert.True(scores.VoiSplit > 0.1 && scores.VoiMerge > 0.1 && scores.AdaptedRandError > 0.1);
    }

    [Fact]
    public void SplitsAndMergesGoToTheirSide()
    {
        // Ground truth two halves; the segmentation splits the first and merges nothing: only VOI split grows.
        ulong[] truth = [1, 1, 1, 1, 2, 2, 2, 2];
        ulong[] split = [1, 1, 3, 3, 2, 2, 2, 2];
        var table = new ContingencyTable();
        table.Add(split, truth);
        var scores = SegmentationScores.From(table);
        Assert.Equal(0.5, scores.VoiSplit, 1e-12);   // half the voxels, one bit each
        Assert.Equal(0, scores.VoiMerge, 1e-12);

        var merged = new ContingencyTable();
        merged.Add([5, 5, 5, 5, 5, 5, 5, 5], truth);
        var mergedScores = SegmentationScores.From(merged);
        Assert.Equal(0, mergedScores.VoiSplit, 1e-12);
        Assert.Equal(1, mergedScores.VoiMerge, 1e-12);

        var perfect = new ContingencyTable();
        perfect.Add([7, 7, 7, 7, 9, 9, 9, 9], truth);
        var perfectScores = SegmentationScores.From(perfect);
        Assert.Equal((0.0, 0.0, 0.0), (perfectScores.VoiSplit, perfectScores.VoiMerge, perfectScores.AdaptedRandError));
    }

    [Fact]
    public void MergedBlockTablesEqualTheWholeTable()
    {
        var truth = RandomLabels(7, 5, withBackground: true);
        var segmentation = RandomLabels(8, 5, withBackground: true);
        var whole = new ContingencyTable();
        whole.Add(segmentation, truth);

        var merged = new ContingencyTable();
        for (int start = 0; start < truth.Length; start += 37)
        {
            int length = Math.Min(37, truth.Length - start);
            var part = new ContingencyTable();
            part.Add(segmentation.AsSpan(start, length), truth.AsSpan(start, length));
            merged.Merge(part);
        }

        Assert.Equal(whole.Total, merged.Total);
        Assert.Equal(whole.PairCount, merged.PairCount);
        foreach (var (segment, groundTruth, voxels) in whole.Entries)
        {
            Assert.Equal(voxels, merged[segment, groundTruth]);
        }
    }

    [Fact]
    public void MismatchedVolumesAreRefused()
    {
        using var temp = new TempDirectory();
        var truth = VolumeArray.Open(Write(temp, "gt", RandomLabels(1, 3, false)));
        string path = temp.Combine("eval.zarr", "other");
        var other = VolumeArray.Prepare(path, new PrepareOptions { Shape = Shape, DataType = DataType.UInt64, VoxelSize = new Coordinate(1, 1, 1) });
        var error = Assert.Throws<ArgumentException>(() => BlockwiseEvaluation.Contingency(other, truth, new Coordinate(2, 2, 2)));
        Assert.Contains("voxel size", error.Message);
        Assert.Throws<ArgumentException>(() => BlockwiseEvaluation.Contingency(truth, truth, new Coordinate(2, 2)));
    }
}
