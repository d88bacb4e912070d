using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

/// <summary>VOL0009–VOL0013 and VOL0016: the port rules the generator enforces by leaving a class alone.</summary>
public class TaskPortRulesTests
{
    private const string Usings = """
        #nullable enable
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        """;

    [Fact]
    public Task Optional_first_input_fires_on_that_port_and_the_fix_makes_every_one_required()
    {
        const string source = Usings + """
            [VolaraTask("masked")]
            public sealed partial class Masked
            {
                [Input] public Raw<float>? {|VOL0009:InData|} { get; init; }
                [Input] public Labels<byte>? Mask { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, ReadOnlyTensorSpan<byte> mask, TensorSpan<float> outData) { }
            }

            [VolaraTask("masked-affs")]
            public sealed partial class MaskedAffs
            {
                [Input]
                public Affs<Stored>? {|VOL0009:Affs|} { get; init; }
                [Output] public required Labels<ulong> Fragments { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process<T>(Block block, ReadOnlyTensorSpan<T> affs, TensorSpan<ulong> fragments) where T : unmanaged, System.Numerics.INumber<T> { }
            }
            """;
        const string fixedSource = Usings + """
            [VolaraTask("masked")]
            public sealed partial class Masked
            {
                [Input] public Raw<float> InData { get; init; }
                [Input] public Labels<byte>? Mask { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, ReadOnlyTensorSpan<byte> mask, TensorSpan<float> outData) { }
            }

            [VolaraTask("masked-affs")]
            public sealed partial class MaskedAffs
            {
                [Input]
                public Affs<Stored> Affs { get; init; }
                [Output] public required Labels<ulong> Fragments { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process<T>(Block block, ReadOnlyTensorSpan<T> affs, TensorSpan<ulong> fragments) where T : unmanaged, System.Numerics.INumber<T> { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.CodeFixAsync<MakeFirstInputRequiredCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task Stored_output_fires_without_a_stored_input_or_when_the_first_stored_input_is_optional()
    {
        const string source = Usings + """
            [VolaraTask("no-stored-input")]
            public sealed partial class NoStoredInput
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> Copy { get; init; }
                [Output] public required Raw<Stored> {|#0:Same|} { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process<T>(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> copy, TensorSpan<T> same) where T : unmanaged, System.Numerics.INumber<T> { }
            }

            [VolaraTask("optional-stored-input")]
            public sealed partial class OptionalStoredInput
            {
                [Input] public required Raw<float> InData { get; init; }
                [Input] public Raw<Stored>? Extra { get; init; }
                [Output] public required Raw<Stored> {|#1:Same|} { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process<T>(Block block, ReadOnlyTensorSpan<float> inData, ReadOnlyTensorSpan<T> extra, TensorSpan<T> same) where T : unmanaged, System.Numerics.INumber<T> { }
            }

            [VolaraTask("stored-through")]
            public sealed partial class StoredThrough
            {
                [Input] public required Raw<Stored> InData { get; init; }
                [Input] public Raw<Stored>? Extra { get; init; }
                [Output] public required Raw<Stored> Same { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process<T>(Block block, ReadOnlyTensorSpan<T> inData, ReadOnlyTensorSpan<T> extra, TensorSpan<T> same) where T : unmanaged, System.Numerics.INumber<T> { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(
            source,
            new DiagnosticResult(DiagnosticIds.StoredOutputWithoutStoredInput, DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("Same", "NoStoredInput", "the task has no Stored input"),
            new DiagnosticResult(DiagnosticIds.StoredOutputWithoutStoredInput, DiagnosticSeverity.Error).WithLocation(1)
                .WithArguments("Same", "OptionalStoredInput", "the first Stored input 'Extra' is optional"));
    }

    [Fact]
    public Task Missing_name_source_fires_only_when_no_output_is_required_and_no_Name_is_declared()
    {
        const string source = Usings + """
            [VolaraTask("to-graph")]
            public sealed partial class {|VOL0011:ToGraph|}
            {
                [Input] public required Affs<float> Affs { get; init; }
                [Output] public Labels<ulong>? Debug { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> affs, TensorSpan<ulong> debug) { }
            }

            [VolaraTask("to-graph-named")]
            public sealed partial class ToGraphNamed
            {
                [Input] public required Affs<float> Affs { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                public string Name => "graph";
                private void Process(Block block, ReadOnlyTensorSpan<float> affs) { }
            }

            [VolaraTask("to-labels")]
            public sealed partial class ToLabels
            {
                [Input] public required Affs<float> Affs { get; init; }
                [Output] public Labels<ulong>? Debug { get; init; }
                [Output] public required Labels<ulong> Labels { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> affs, TensorSpan<ulong> debug, TensorSpan<ulong> labels) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Missing_input_and_block_size_fire_unless_the_task_is_whole_volume()
    {
        const string source = Usings + """
            [VolaraTask("generate")]
            public sealed partial class {|VOL0012:{|VOL0013:Generate|}|}
            {
                [Output] public required Raw<float> OutData { get; init; }
                private void Process(Block block, TensorSpan<float> outData) { }
            }

            [VolaraTask("generate-whole", WholeRoi = true)]
            public sealed partial class {|VOL0012:GenerateWhole|}
            {
                [Output] public required Raw<float> OutData { get; init; }
                private void Process(Block block, TensorSpan<float> outData) { }
            }

            [VolaraTask("graph-only", WholeRoi = true)]
            public sealed partial class GraphOnly
            {
                public string Name => "graph-only";
                private void Process(Block block) { }
            }

            [VolaraTask("whole-copy", WholeRoi = true)]
            public sealed partial class WholeCopy
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate Chunks { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            [VolaraTask("blockwise-copy")]
            public sealed partial class {|VOL0013:BlockwiseCopy|}
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Port_that_is_not_a_typed_dataset_fires_alone_and_classes_that_are_not_tasks_stay_silent()
    {
        const string source = Usings + """
            public sealed class Helper
            {
                [Input] public Raw<float>? InData { get; init; }
            }

            [VolaraTask("odd-port")]
            public sealed partial class OddPort
            {
                [Input] public Raw<float>? First { get; init; }
                [Input] public string? {|#0:Path|} { get; init; }
                [Output] public Volara.Runtime.Datasets.Raw? {|#1:Untyped|} { get; init; }
                private void Process(Block block) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(
            source,
            new DiagnosticResult(DiagnosticIds.PortNotTypedDataset, DiagnosticSeverity.Error).WithLocation(0).WithArguments("Path", "OddPort", "string?"),
            new DiagnosticResult(DiagnosticIds.PortNotTypedDataset, DiagnosticSeverity.Error).WithLocation(1).WithArguments("Untyped", "OddPort", "Raw?"));
    }
}
