using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

/// <summary>VOL0022: an output prepared like the first input but indexed by Process with another rank.</summary>
public class OutputRankTests
{
    private const string Usings = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        """;

    [Fact]
    public Task A_labels_output_indexed_spatially_beside_affinities_gets_SpatialOnly_from_the_fix()
    {
        const string source = Usings + """
            [VolaraTask("frags")]
            public sealed partial class Frags
            {
                [Input] public Affs<float> Affinities { get; init; }
                [Output] public Labels<ulong> {|#1:Fragments|} { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }

                private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragments)
                {
                    for (nint z = 0; z < fragments.Lengths[0]; z++)
                    {
                        {|#0:fragments[z, 0, 0]|} = affinities[0, z, 0, 0] > 0.5f ? 1UL : 0UL;
                        fragments[z, 1, 0] = affinities[1, z, 1, 0] > 0.5f ? 1UL : 0UL;
                    }
                }
            }
            """;
        const string fixedSource = Usings + """
            [VolaraTask("frags")]
            public sealed partial class Frags
            {
                [Input] public Affs<float> Affinities { get; init; }
                [Output(SpatialOnly = true)] public Labels<ulong> Fragments { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }

                private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragments)
                {
                    for (nint z = 0; z < fragments.Lengths[0]; z++)
                    {
                        fragments[z, 0, 0] = affinities[0, z, 0, 0] > 0.5f ? 1UL : 0UL;
                        fragments[z, 1, 0] = affinities[1, z, 1, 0] > 0.5f ? 1UL : 0UL;
                    }
                }
            }
            """;
        var expected = new DiagnosticResult(DiagnosticIds.OutputRankMismatch, DiagnosticSeverity.Error)
            .WithLocation(0).WithLocation(1)
            .WithArguments("Fragments", "Frags", "Affinities", 4, 3, ": declare [Output(SpatialOnly = true)] to prepare it without the input's channel axes");
        return Verify<OutputRankAnalyzer>.CodeFixOfExplicitAsync<DeclareSpatialOnlyCodeFix>(source, fixedSource, expected);
    }

    [Fact]
    public Task Is_silent_for_matching_ranks_SpatialOnly_outputs_flat_spans_and_mixed_indexing()
    {
        const string source = Usings + """
            [VolaraTask("same")]
            public sealed partial class Same
            {
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) => outData[0, 0, 0] = inData[0, 0, 0];
            }

            [VolaraTask("declared")]
            public sealed partial class Declared
            {
                [Input] public Affs<float> Affinities { get; init; }
                [Output(SpatialOnly = true)] public Labels<ulong> Fragments { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragments) => fragments[0, 0, 0] = (ulong)affinities[0, 0, 0, 0];
            }

            [VolaraTask("flat")]
            public sealed partial class Flat
            {
                [Input] public Affs<float> Affinities { get; init; }
                [Output] public Labels<ulong> Fragments { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragments) => fragments.AsSpan()[0] = (ulong)affinities[0, 0, 0, 0];
            }

            [VolaraTask("either")]
            public sealed partial class Either
            {
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData)
                {
                    if (inData.Rank == 4) { outData[0, 0, 0, 0] = inData[0, 0, 0, 0]; }
                    else { outData[0, 0, 0] = inData[0, 0, 0]; }
                }
            }
            """;
        return Verify<OutputRankAnalyzer>.AnalyzerAsync(source);
    }
}
