using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace VolaraTask1;

/// <summary>
/// Inverts the intensities of a uint8 volume (255 becomes 0): a blockwise task written with the DSL. The generator
/// completes the class (block I/O, validation, configuration, registration); the analyzers check it as you type.
/// </summary>
[VolaraTask("invert")]
public sealed partial class Invert
{
    [Input]
    public required Raw<byte> Image { get; init; }

    [Output]
    public required Raw<byte> Inverted { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    private void Process(Block block, ReadOnlyTensorSpan<byte> image, TensorSpan<byte> inverted)
    {
        var source = image.AsReadOnlySpan();
        var target = inverted.AsSpan();
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = (byte)(255 - source[i]);
        }
    }
}
