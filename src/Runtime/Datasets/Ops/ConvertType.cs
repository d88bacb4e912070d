using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>numpy's <c>astype(dtype)</c>: floats to integers truncate toward zero (saturating at the type's range), anything to bool is <c>x != 0</c>.</summary>
public sealed record ConvertType([property: JsonPropertyName("dtype")] string DataTypeName) : DatasetOp
{
    internal override void ApplyTo(VolumeView view)
    {
        var target = DataType.TryParseName(DataTypeName)
            ?? throw new InvalidOperationChainException($"{this}: unknown dtype '{DataTypeName}'");
        view.AddStage(new ConvertStage(target), ToString());
    }

    public override string ToString() => $"ConvertType({DataTypeName})";
}
