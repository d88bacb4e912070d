namespace Volara.Runtime.Evaluation;

/// <summary>
/// What the <c>evaluate</c> task writes (JSON, snake_case): the scores (VOI in bits, adapted Rand error with its
/// precision and recall) and the counts behind them.
/// </summary>
/// <param name="VoiSplit">H(segmentation | ground truth), bits.</param>
/// <param name="VoiMerge">H(ground truth | segmentation), bits.</param>
/// <param name="Voi">Split + merge.</param>
/// <param name="AdaptedRandError">1 − F-score of the Rand precision and recall.</param>
/// <param name="RandPrecision">skimage's adapted Rand precision.</param>
/// <param name="RandRecall">skimage's adapted Rand recall.</param>
/// <param name="IgnoreBackground">Whether ground-truth label 0 was left out of every score.</param>
/// <param name="Voxels">Voxels compared.</param>
/// <param name="EvaluatedVoxels">Voxels the scores count (without ground-truth background when it is ignored).</param>
/// <param name="Segments">Distinct segmentation labels among the evaluated voxels (0 included if present).</param>
/// <param name="GroundTruthLabels">Distinct ground-truth labels among the evaluated voxels.</param>
/// <param name="Pairs">Distinct (segmentation, ground truth) pairs among the evaluated voxels.</param>
/// <param name="Blocks">Blocks whose tables were merged.</param>
public sealed record EvaluationResults(
    double VoiSplit,
    double VoiMerge,
    double Voi,
    double AdaptedRandError,
    double RandPrecision,
    double RandRecall,
    bool IgnoreBackground,
    long Voxels,
    long EvaluatedVoxels,
    long Segments,
    long GroundTruthLabels,
    long Pairs,
    long Blocks)
{
    /// <summary>The results of a merged table.</summary>
    public static EvaluationResults From(ContingencyTable table, bool ignoreBackground, long blocks)
    {
        ArgumentNullException.ThrowIfNull(table);
        var scores = SegmentationScores.From(table, ignoreBackground);
        var segments = new HashSet<ulong>();
        var truths = new HashSet<ulong>();
        long evaluated = 0, pairs = 0;
        foreach (var (segment, truth, voxels) in table.Entries)
        {
            if (ignoreBackground && truth == 0)
            {
                continue;
            }

            segments.Add(segment);
            truths.Add(truth);
            evaluated += voxels;
            pairs++;
        }

        return new EvaluationResults(
            scores.VoiSplit, scores.VoiMerge, scores.Voi, scores.AdaptedRandError, scores.RandPrecision, scores.RandRecall,
            ignoreBackground, table.Total, evaluated, segments.Count, truths.Count, pairs, blocks);
    }
}
