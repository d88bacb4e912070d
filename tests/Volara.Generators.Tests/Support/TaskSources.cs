namespace Volara.Generators.Tests.Support;

/// <summary>Task classes the generator tests compile.</summary>
internal static class TaskSources
{
    /// <summary>One input, one output, a parameter, an optional write ROI and a validation hook (Threshold's shape).</summary>
    public const string Threshold = """
        using System.Numerics.Tensors;
        using System.Text.Json.Serialization;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        namespace Samples.Masks;

        [VolaraTask("mask-above")]
        public sealed partial class MaskAbove
        {
            [Input] public required Raw<float> InData { get; init; }
            [Output] public required Labels<byte> Mask { get; init; }
            [Parameter, JsonPropertyName("threshold")] public double Value { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            [WriteRoi] public Roi? Roi { get; init; }

            partial void Validate()
            {
            }

            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> mask)
            {
                var source = inData.AsReadOnlySpan();
                var target = mask.AsSpan();
                for (int i = 0; i < source.Length; i++)
                {
                    target[i] = source[i] > Value ? (byte)1 : (byte)0;
                }
            }
        }
        """;

    /// <summary>Two inputs, two outputs (one spatial only), a context; global namespace, no hook.</summary>
    public const string TwoPorts = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        [VolaraTask("combine")]
        partial class Combine
        {
            [Input] public required Affs<float> Affinities { get; init; }
            [Input] public required Labels<ulong> Fragments { get; init; }
            [Output] public required Raw<double> Scores { get; init; }
            [Output(SpatialOnly = true)] public required Labels<uint> Merged { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            [Context] public Coordinate? Context { get; init; }

            void Process(Block block, ReadOnlyTensorSpan<float> affinities, ReadOnlyTensorSpan<ulong> fragments, TensorSpan<double> scores, TensorSpan<uint> merged)
            {
            }
        }
        """;

    /// <summary>Classes the generator must leave alone (the analyzers explain why).</summary>
    public const string Invalid = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        [VolaraTask("not-partial")]
        public sealed class NotPartial
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("wrong-element")]
        public sealed partial class WrongElement
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<double> input, TensorSpan<float> output) { }
        }

        [VolaraTask("no-block-size")]
        public sealed partial class NoBlockSize
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }
        """;
}
