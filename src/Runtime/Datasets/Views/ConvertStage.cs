using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Views;

/// <summary>numpy-style <c>astype</c>.</summary>
internal sealed class ConvertStage(DataType target) : ValueStage
{
    public override DataType OutputType(DataType input) => target;

    public override void Run(ReadOnlySpan<byte> input, DataType inputType, Span<byte> output, ReadLayout layout) =>
        ValueKernels.Convert(input, inputType, output, target);
}
