namespace Volara.Analyzers.Tests;

public class InputRequirementTests
{
    private const string Usings = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Untyped = Volara.Runtime.Datasets;

        """;

    [Fact]
    public Task An_input_whose_own_element_type_breaks_its_requirement_is_reported_on_the_port()
    {
        const string source = Usings + """
            [VolaraTask("argmax")]
            public sealed partial class ArgMax
            {
                [Input(Requires = ElementKinds.FloatingPoint)] public Raw<int> {|VOL0101:ProbsData|} { get; init; }
                [Input(Requires = ElementKinds.Integer)] public Labels<long> Mask { get; init; }
                [Input] public Raw<bool> Anything { get; init; }
                [Output] public Labels<byte> SemData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<int> probsData, ReadOnlyTensorSpan<long> mask, ReadOnlyTensorSpan<bool> anything, TensorSpan<byte> semData) { }
            }
            """;
        return Verify<PortRequirementAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task A_producer_whose_element_type_breaks_the_consumers_requirement_is_reported_on_the_consumers_dataset()
    {
        const string source = Usings + """
            [VolaraTask("threshold")]
            public sealed partial class Threshold
            {
                [Input] public Raw<float> InData { get; init; }
                [Output] public Labels<byte> Mask { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> mask) { }
            }

            [VolaraTask("agglomerate")]
            public sealed partial class Agglomerate
            {
                [Input(Requires = ElementKinds.FloatingPoint)] public Raw<double> Scores { get; init; }
                [Input(Requires = ElementKinds.UnsignedInteger)] public Labels<ulong> {|#2:Fragments|} { get; init; }
                [Output] public Labels<ulong> Segments { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<double> scores, ReadOnlyTensorSpan<ulong> fragments, TensorSpan<ulong> segments) { }
            }

            public static class Pipelines
            {
                public static object[] Wrong() =>
                [
                    new Threshold { InData = new Untyped.Raw { Store = "a.zarr/raw" }, Mask = new Untyped.Labels { Store = "a.zarr/mask" } },
                    new Agglomerate
                    {
                        Scores = {|#1:new Untyped.Raw { Store = "a.zarr/mask" }|},
                        Fragments = {|#0:new Untyped.Labels { Store = "a.zarr/mask" }|},
                        Segments = new Untyped.Labels { Store = "a.zarr/segs" },
                    },
                ];
            }
            """;
        // The fragments read the mask's bytes as ulong: allowed by the requirement, reported as a conversion.
        var conversion = Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning(DiagnosticIds.DatasetElementTypeMismatch)
            .WithLocation(0)
            .WithLocation(2) // the consuming port, which the fix retypes
            .WithArguments("a.zarr/mask", "byte", "Threshold", "ulong", "Agglomerate");
        var requirement = Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError(DiagnosticIds.InputRequirementNotMet)
            .WithLocation(1)
            .WithArguments("Scores", "Agglomerate", "floating point", "dataset 'a.zarr/mask' is written as byte by task 'Threshold'");
        return Verify<PipelineDatasetAnalyzer>.AnalyzerAsync(source, requirement, conversion);
    }
}
