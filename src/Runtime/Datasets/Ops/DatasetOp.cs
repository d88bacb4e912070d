using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>
/// A lazy operation applied on read, in list order, to the array as it stands at that point. Serialised with an
/// <c>"op"</c> discriminator, e.g. <c>{"op": "reverse_axes", "axes": [0]}</c>. Operations that change values or
/// reorder/duplicate voxels make the array read-only.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SelectChannels), "select_channels")]
[JsonDerivedType(typeof(ReverseAxes), "reverse_axes")]
[JsonDerivedType(typeof(CropToRoi), "crop")]
[JsonDerivedType(typeof(ScaleShift), "scale_shift")]
[JsonDerivedType(typeof(Normalize), "normalize")]
[JsonDerivedType(typeof(Threshold), "threshold")]
[JsonDerivedType(typeof(ConvertType), "astype")]
public abstract record DatasetOp
{
    /// <summary>Applies this operation to a view under construction.</summary>
    internal abstract void ApplyTo(VolumeView view);
}
