using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;

namespace Volara.Runtime.Datasets.Ops;

/// <summary><c>x · scale + shift</c> in float32.</summary>
public sealed record ScaleShift([property: JsonPropertyName("scale")] double Scale, [property: JsonPropertyName("shift")] double Shift) : DatasetOp
{
    internal override void ApplyTo(VolumeView view) =>
        view.AddStage(FloatTransformStage.ScaleShift((float)Scale, (float)Shift), ToString());

    public override string ToString() => $"ScaleShift({Scale}, {Shift})";
}
