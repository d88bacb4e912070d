using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Views;

/// <summary>
/// Converts to float32 and applies either <c>x·scale + shift</c> or <c>(x − min) / (max − min)</c>, with one parameter
/// pair for all elements or one per channel (through a <see cref="ChannelBinding"/>).
/// </summary>
internal sealed class FloatTransformStage : ValueStage
{
    private readonly bool _normalize;
    private readonly float[] _first;
    private readonly float[] _second;
    private readonly ChannelBinding? _binding;

    private FloatTransformStage(bool normalize, float[] first, float[] second, ChannelBinding? binding)
    {
        _normalize = normalize;
        _first = first;
        _second = second;
        _binding = binding;
    }

    public static FloatTransformStage ScaleShift(float scale, float shift) => new(false, [scale], [shift], null);

    /// <summary>Per-channel (when <paramref name="binding"/> is given) or global min/max normalisation.</summary>
    public static FloatTransformStage Normalize(float[] minimum, float[] maximum, ChannelBinding? binding) => new(true, minimum, maximum, binding);

    public override DataType OutputType(DataType input) => DataType.Float32;

    public override void Run(ReadOnlySpan<byte> input, DataType inputType, Span<byte> output, ReadLayout layout)
    {
        ValueKernels.Convert(input, inputType, output, DataType.Float32);
        var values = MemoryMarshal.Cast<byte, float>(output);
        if (_binding is null)
        {
            Transform(values, 0);
            return;
        }

        foreach (var (start, length, channel) in _binding.Runs(layout))
        {
            Transform(values.Slice(start, length), channel);
        }
    }

    private void Transform(Span<float> values, int channel)
    {
        if (_normalize)
        {
            TensorPrimitives.Subtract(values, _first[channel], values);
            TensorPrimitives.Divide(values, _second[channel] - _first[channel], values);
        }
        else
        {
            // Two roundings, as numpy's x * scale + shift (no fused multiply-add).
            TensorPrimitives.Multiply(values, _first[channel], values);
            TensorPrimitives.Add(values, _second[channel], values);
        }
    }
}
