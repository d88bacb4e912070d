using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>Reverses the listed axes (indices into the array as it stands at this point, i.e. after earlier selections).</summary>
public sealed record ReverseAxes : DatasetOp
{
    [JsonConstructor]
    public ReverseAxes(IReadOnlyList<int> axes)
    {
        Axes = [.. axes];
    }

    public ReverseAxes(params int[] axes)
        : this((IReadOnlyList<int>)axes)
    {
    }

    [JsonPropertyName("axes")]
    public IReadOnlyList<int> Axes { get; }

    internal override void ApplyTo(VolumeView view)
    {
        foreach (var axis in Axes)
        {
            view.Reverse(axis, ToString());
        }
    }

    public bool Equals(ReverseAxes? other) => other is not null && Axes.SequenceEqual(other.Axes);

    public override int GetHashCode() => Axes.Aggregate(17, HashCode.Combine);

    public override string ToString() => $"ReverseAxes([{string.Join(", ", Axes)}])";
}
