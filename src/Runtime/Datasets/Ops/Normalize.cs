using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>
/// <c>(x − min) / (max − min)</c> in float32. With one window it applies to every element; with several, window i applies
/// to channel i of axis 0 as it stands at this point (which must be a non-physical axis with at most that many entries),
/// like volara's OMERO normalisation.
/// </summary>
public sealed record Normalize : DatasetOp
{
    [JsonConstructor]
    public Normalize(IReadOnlyList<double> minimum, IReadOnlyList<double> maximum)
    {
        if (minimum.Count == 0 || minimum.Count != maximum.Count)
        {
            throw new ArgumentException($"Normalize needs as many minima as maxima (at least one), got {minimum.Count} and {maximum.Count}");
        }

        Minimum = [.. minimum];
        Maximum = [.. maximum];
    }

    public Normalize(double minimum, double maximum)
        : this([minimum], [maximum])
    {
    }

    [JsonPropertyName("min")]
    public IReadOnlyList<double> Minimum { get; }

    [JsonPropertyName("max")]
    public IReadOnlyList<double> Maximum { get; }

    internal override void ApplyTo(VolumeView view)
    {
        var minimum = Minimum.Select(value => (float)value).ToArray();
        var maximum = Maximum.Select(value => (float)value).ToArray();
        ChannelBinding? binding = null;
        if (Minimum.Count > 1)
        {
            view.CheckAxis(0, ToString());
            var channelAxis = view.Axes[0];
            if (channelAxis.IsPhysical)
            {
                throw new InvalidOperationChainException($"{this}: per-channel windows need a channel axis first, but axis 0 ('{channelAxis.Name}') is {channelAxis.Type}");
            }

            if (channelAxis.Extent > Minimum.Count)
            {
                throw new InvalidOperationChainException($"{this}: {Minimum.Count} windows for {channelAxis.Extent} channels on axis '{channelAxis.Name}'");
            }

            binding = new ChannelBinding(channelAxis.SourceAxis, channelAxis.Map);
        }

        view.AddStage(FloatTransformStage.Normalize(minimum, maximum, binding), ToString());
    }

    public bool Equals(Normalize? other) => other is not null && Minimum.SequenceEqual(other.Minimum) && Maximum.SequenceEqual(other.Maximum);

    public override int GetHashCode() => HashCode.Combine(Minimum.Count, Minimum[0], Maximum[0]);

    public override string ToString() => $"Normalize([{string.Join(", ", Minimum)}], [{string.Join(", ", Maximum)}])";
}
