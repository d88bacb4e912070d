using System.Buffers;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Views;

/// <summary><c>x &gt; threshold</c> as bool or uint8 (0/1).</summary>
internal sealed class ThresholdStage(double threshold, DataType output) : ValueStage
{
    public override DataType OutputType(DataType input) => output;

    public override void Run(ReadOnlySpan<byte> input, DataType inputType, Span<byte> output, ReadLayout layout)
    {
        var count = output.Length;
        var rented = ArrayPool<byte>.Shared.Rent(count * sizeof(double));
        try
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(rented.AsSpan(0, count * sizeof(double)));
            ValueKernels.Convert(input, inputType, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), DataType.Float64);
            ValueKernels.GreaterThan(values, threshold, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
