namespace Volara.Runtime.Evaluation;

/// <summary>
/// How well a segmentation matches a ground truth, with scikit-image's definitions (0.19):
/// variation of information as <c>variation_of_information(gt, seg)</c> — split = H(seg | gt), merge = H(gt | seg),
/// in <b>bits</b> (log2), every voxel counted — and <c>adapted_rand_error(gt, seg)</c> (CREMI's adapted Rand
/// error, 1 − F-score of the pair precision and recall) ignoring ground-truth label 0.
/// </summary>
/// <param name="VoiSplit">H(segmentation | ground truth), bits: over-segmentation.</param>
/// <param name="VoiMerge">H(ground truth | segmentation), bits: under-segmentation.</param>
/// <param name="AdaptedRandError">1 − F-score of <paramref name="RandPrecision"/> and <paramref name="RandRecall"/>.</param>
/// <param name="RandPrecision">skimage's adapted Rand precision.</param>
/// <param name="RandRecall">skimage's adapted Rand recall.</param>
public sealed record SegmentationScores(double VoiSplit, double VoiMerge, double AdaptedRandError, double RandPrecision, double RandRecall)
{
    /// <summary>Total variation of information, bits.</summary>
    public double Voi => VoiSplit + VoiMerge;

    /// <summary>The scores of a contingency table.</summary>
    public static SegmentationScores From(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (split, merge) = VariationOfInformation(table);
        var (error, precision, recall) = AdaptedRand(table, ignoreGroundTruthBackground: true);
        return new SegmentationScores(split, merge, error, precision, recall);
    }

    /// <summary>
    /// The scores of a contingency table with one background rule for all of them: with
    /// <paramref name="ignoreGroundTruthBackground"/> voxels whose ground truth is 0 are left out of the variation of
    /// information and the adapted Rand error (skimage's <c>ignore_labels=[0]</c> for both), otherwise every voxel counts
    /// in both (<c>ignore_labels=()</c>).
    /// </summary>
    public static SegmentationScores From(ContingencyTable table, bool ignoreGroundTruthBackground)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (split, merge) = VariationOfInformation(table, ignoreGroundTruthBackground);
        var (error, precision, recall) = AdaptedRand(table, ignoreGroundTruthBackground);
        return new SegmentationScores(split, merge, error, precision, recall);
    }

    /// <summary>
    /// (H(seg | gt), H(gt | seg)) in bits over every voxel of the table, or with
    /// <paramref name="ignoreGroundTruthBackground"/> over the voxels whose ground truth is not 0.
    /// </summary>
    public static (double Split, double Merge) VariationOfInformation(ContingencyTable table, bool ignoreGroundTruthBackground = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var segmentSizes = new Dictionary<ulong, long>();
        var truthSizes = new Dictionary<ulong, long>();
        double jointSum = 0;
        long counted = 0;
        foreach (var (segment, truth, voxels) in table.Entries)
        {
            if (ignoreGroundTruthBackground && truth == 0)
            {
                continue;
            }

            counted += voxels;
            segmentSizes[segment] = segmentSizes.GetValueOrDefault(segment) + voxels;
            truthSizes[truth] = truthSizes.GetValueOrDefault(truth) + voxels;
            jointSum += XLog2X(voxels);
        }

        if (counted == 0)
        {
            return (0, 0);
        }

        double segmentSum = 0, truthSum = 0;
        foreach (var size in segmentSizes.Values)
        {
            segmentSum += XLog2X(size);
        }

        foreach (var size in truthSizes.Values)
        {
            truthSum += XLog2X(size);
        }

        // With n voxels: H(A|B) = H(A,B) − H(B) = (Σ_b b·log b − Σ_ab c·log c) / n.
        double n = counted;
        double split = Math.Max(0, (truthSum - jointSum) / n);
        double merge = Math.Max(0, (segmentSum - jointSum) / n);
        return (split, merge);
    }

    /// <summary>skimage's <c>adapted_rand_error</c>: (error, precision, recall).</summary>
    public static (double Error, double Precision, double Recall) AdaptedRand(ContingencyTable table, bool ignoreGroundTruthBackground = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        var segmentSizes = new Dictionary<ulong, long>();
        var truthSizes = new Dictionary<ulong, long>();
        double pairSquares = 0, n = 0;
        foreach (var (segment, truth, voxels) in table.Entries)
        {
            if (ignoreGroundTruthBackground && truth == 0)
            {
                continue;
            }

            segmentSizes[segment] = segmentSizes.GetValueOrDefault(segment) + voxels;
            truthSizes[truth] = truthSizes.GetValueOrDefault(truth) + voxels;
            pairSquares += (double)voxels * voxels;
            n += voxels;
        }

        double truthSquares = 0, segmentSquares = 0;
        foreach (var size in truthSizes.Values)
        {
            truthSquares += (double)size * size;
        }

        foreach (var size in segmentSizes.Values)
        {
            segmentSquares += (double)size * size;
        }

        // skimage names the ground-truth sums a_i and divides by them for "precision".
        double precision = (pairSquares - n) / (truthSquares - n);
        double recall = (pairSquares - n) / (segmentSquares - n);
        double fscore = 2 * precision * recall / (precision + recall);
        return (1 - fscore, precision, recall);
    }

    private static double XLog2X(long x) => x == 0 ? 0 : x * Math.Log2(x);

    public override string ToString() =>
        $"VOI split {VoiSplit:F4} bits, VOI merge {VoiMerge:F4} bits, adapted Rand error {AdaptedRandError:F4} (precision {RandPrecision:F4}, recall {RandRecall:F4})";
}
