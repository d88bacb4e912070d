using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Views;

/// <summary><c>x &gt; threshold</c> as bool or uint8 (0/1).</summary>
internal sealed class ThresholdStage(double threshold, DataType output) : ValueStage
{
    public override DataType OutputType(DataType input) => output;

    public override void Run(ReadOnlySpan<byte> input, DataType inputType, Span<byte> output, ReadLayout layout)
    {
        var count = output.Length;
        using var values = Memory.ScratchMemory.Rent<double>(count);
        ValueKernels.Convert(input, inputType, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.Span), DataType.Float64);
        ValueKernels.GreaterThan(values.Span, threshold, output);
    }
}
