using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>
/// volara's channel selection: each selector is applied in turn to axis 0 of the array as it stands; an index drops
/// that axis, an index list keeps it with the chosen entries. <c>[0, [0, 2]]</c> on (2, 10, 10) gives (2, 10).
/// </summary>
public sealed record SelectChannels : DatasetOp
{
    [JsonConstructor]
    public SelectChannels(IReadOnlyList<ChannelSelector> channels)
    {
        Channels = [.. channels];
    }

    public SelectChannels(params ChannelSelector[] channels)
        : this((IReadOnlyList<ChannelSelector>)channels)
    {
    }

    [JsonPropertyName("channels")]
    public IReadOnlyList<ChannelSelector> Channels { get; }

    internal override void ApplyTo(VolumeView view)
    {
        foreach (var selector in Channels)
        {
            if (selector.Index is { } index)
            {
                view.Collapse(0, index, $"SelectChannels({this.ChannelText})");
            }
            else
            {
                view.Take(0, selector.Indices!, $"SelectChannels({this.ChannelText})");
            }
        }
    }

    private string ChannelText => $"[{string.Join(", ", Channels)}]";

    public bool Equals(SelectChannels? other) => other is not null && Channels.SequenceEqual(other.Channels);

    public override int GetHashCode() => Channels.Aggregate(17, HashCode.Combine);

    public override string ToString() => $"SelectChannels({ChannelText})";
}
