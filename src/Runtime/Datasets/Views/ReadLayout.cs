namespace Volara.Runtime.Datasets.Views;

/// <summary>
/// How one read maps onto the source: for every source axis the source index of each output position along it
/// (-1 where the position lies outside the view and gets the fill value; a single entry for collapsed axes).
/// </summary>
internal sealed class ReadLayout
{
    public ReadLayout(long[][] sourceIndices, int[] outputAxisOfSource, long[] outputShape)
    {
        SourceIndices = sourceIndices;
        OutputAxisOfSource = outputAxisOfSource;
        OutputShape = outputShape;
    }

    /// <summary>Per source axis, the source index of each output position (-1 = outside, fill).</summary>
    public long[][] SourceIndices { get; }

    /// <summary>Per source axis, the output axis it became, or -1 when collapsed.</summary>
    public int[] OutputAxisOfSource { get; }

    public long[] OutputShape { get; }

    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var extent in OutputShape)
            {
                count = checked(count * extent);
            }

            return count;
        }
    }
}
