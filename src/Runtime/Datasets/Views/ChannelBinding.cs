namespace Volara.Runtime.Datasets.Views;

/// <summary>
/// Ties per-channel parameters of a value operation to the source axis that was axis 0 when the operation was applied,
/// so later selections, reversals or collapses of that axis still find each element's channel.
/// </summary>
internal sealed class ChannelBinding
{
    private readonly Dictionary<long, int> _channelOfSourceIndex;

    public ChannelBinding(int sourceAxis, AxisMap mapAtBinding)
    {
        SourceAxis = sourceAxis;
        _channelOfSourceIndex = [];
        for (var channel = 0; channel < mapAtBinding.Count; channel++)
        {
            _channelOfSourceIndex.TryAdd(mapAtBinding[channel], channel);
        }
    }

    public int SourceAxis { get; }

    /// <summary>Contiguous runs of the output (start, length, channel) that share one channel.</summary>
    public List<(int Start, int Length, int Channel)> Runs(ReadLayout layout)
    {
        var runs = new List<(int, int, int)>();
        var outputAxis = layout.OutputAxisOfSource[SourceAxis];
        var total = (int)layout.ElementCount;
        if (outputAxis < 0)
        {
            runs.Add((0, total, _channelOfSourceIndex[layout.SourceIndices[SourceAxis][0]]));
            return runs;
        }

        long outer = 1, inner = 1;
        for (var d = 0; d < outputAxis; d++)
        {
            outer *= layout.OutputShape[d];
        }

        for (var d = outputAxis + 1; d < layout.OutputShape.Length; d++)
        {
            inner *= layout.OutputShape[d];
        }

        var indices = layout.SourceIndices[SourceAxis];
        var start = 0;
        for (var o = 0L; o < outer; o++)
        {
            foreach (var sourceIndex in indices)
            {
                runs.Add((start, (int)inner, _channelOfSourceIndex[sourceIndex]));
                start += (int)inner;
            }
        }

        return runs;
    }
}
