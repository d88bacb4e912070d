using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Views;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Ops;

/// <summary><c>x &gt; value</c> as <c>bool</c> (default) or <c>uint8</c> 0/1.</summary>
public sealed record Threshold([property: JsonPropertyName("value")] double Value) : DatasetOp
{
    private readonly string? outputType;

    // "bool" when left out, without an initializer: compile-time JSON metadata sets a missing init member to its
    // type's default, and null then reads as the default here.

    /// <summary>The output type name: <c>bool</c> or <c>uint8</c>.</summary>
    [JsonPropertyName("dtype")]
    public string OutputType { get => outputType ?? "bool"; init => outputType = value; }

    internal override void ApplyTo(VolumeView view)
    {
        var output = OutputType switch
        {
            "bool" => DataType.Bool,
            "uint8" => DataType.UInt8,
            _ => throw new InvalidOperationChainException($"{this}: the output dtype must be bool or uint8, not '{OutputType}'"),
        };
        view.AddStage(new ThresholdStage(Value, output), ToString());
    }

    public override string ToString() => $"Threshold({Value}, {OutputType})";
}
