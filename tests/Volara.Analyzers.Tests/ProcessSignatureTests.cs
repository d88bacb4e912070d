using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

public class ProcessSignatureTests
{
    private const string Usings = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        """;

    [Fact]
    public Task Missing_Process_is_reported_on_the_class_with_the_expected_signature()
    {
        const string source = Usings + """
            [VolaraTask("argmax")]
            public sealed partial class {|#0:ArgMax|}
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> ProbsData { get; init; }
                [Output] public Labels<byte> SemData { get; init; }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source, Microsoft.CodeAnalysis.Testing.DiagnosticResult
            .CompilerError(DiagnosticIds.ProcessMissing)
            .WithLocation(0)
            .WithArguments("ArgMax", "void Process(Block, ReadOnlyTensorSpan<float>, TensorSpan<byte>)"));
    }

    [Fact]
    public Task Wrong_element_type_rank_or_order_is_fixed_with_each_name_moving_with_its_port()
    {
        const string source = Usings + """
            [VolaraTask("wrong-element")]
            public sealed partial class WrongElement
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Labels<ulong> OutData { get; init; }
                private void {|VOL0003:Process|}(Block block, ReadOnlyTensorSpan<double> source, TensorSpan<ulong> target) { }
            }

            [VolaraTask("wrong-order")]
            public sealed partial class WrongOrder
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Labels<ulong> OutData { get; init; }
                private void {|VOL0003:Process|}(Block block, TensorSpan<ulong> target, ReadOnlyTensorSpan<float> source) { }
            }
            """;
        const string fixedSource = Usings + """
            [VolaraTask("wrong-element")]
            public sealed partial class WrongElement
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Labels<ulong> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> source, TensorSpan<ulong> target) { }
            }

            [VolaraTask("wrong-order")]
            public sealed partial class WrongOrder
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Labels<ulong> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> source, TensorSpan<ulong> target) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.CodeFixAsync<FixProcessSignatureCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task Missing_ports_are_fixed_with_parameters_named_after_the_ports()
    {
        const string source = Usings + """
            [VolaraTask("two-inputs")]
            public sealed partial class TwoInputs
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> Left { get; init; }
                [Input] public Affs<byte> Right { get; init; }
                [Output] public Raw<float> Sum { get; init; }
                private void {|VOL0003:Process|}(Block block, ReadOnlyTensorSpan<float> left) { }
            }
            """;
        const string fixedSource = Usings + """
            [VolaraTask("two-inputs")]
            public sealed partial class TwoInputs
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> Left { get; init; }
                [Input] public Affs<byte> Right { get; init; }
                [Output] public Raw<float> Sum { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> left, ReadOnlyTensorSpan<byte> right, TensorSpan<float> sum) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.CodeFixAsync<FixProcessSignatureCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task A_returned_value_is_reported_too()
    {
        const string source = Usings + """
            [VolaraTask("counts")]
            public sealed partial class Counts
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                private int {|VOL0003:Process|}(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) => 0;
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Is_silent_when_Process_matches_whatever_its_names_and_accessibility()
    {
        const string source = Usings + """
            [VolaraTask("lsd")]
            public sealed partial class LsdTask
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Labels<ulong> Labels { get; init; }
                [Input] public Raw<float> Mask { get; init; }
                [Output] public Lsd<float> Descriptors { get; init; }
                [Output] public Affs<byte> Affinities { get; init; }
                public void Process(Block b, ReadOnlyTensorSpan<ulong> l, ReadOnlyTensorSpan<float> m, TensorSpan<float> d, TensorSpan<byte> a) { }
            }

            public sealed class NotATask
            {
                public int Process(string text) => 0;
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }
    [Fact]
    public Task Stored_ports_call_for_a_generic_Process_and_the_fix_writes_it()
    {
        const string source = Usings + """
            [VolaraTask("stored")]
            public sealed partial class StoredTask
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Affs<Stored> Affs { get; init; }
                [Input] public Labels<ulong>? Mask { get; init; }
                [Output] public Raw<Stored> Smoothed { get; init; }
                private void {|VOL0003:Process|}(Block block, ReadOnlyTensorSpan<float> affs, ReadOnlyTensorSpan<ulong> mask, TensorSpan<float> smoothed) { }
            }
            """;
        const string fixedSource = Usings + """
            [VolaraTask("stored")]
            public sealed partial class StoredTask
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Affs<Stored> Affs { get; init; }
                [Input] public Labels<ulong>? Mask { get; init; }
                [Output] public Raw<Stored> Smoothed { get; init; }
                private void Process<T>(Block block, ReadOnlyTensorSpan<T> affs, ReadOnlyTensorSpan<ulong> mask, TensorSpan<T> smoothed) where T : unmanaged, System.Numerics.INumber<T> { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.CodeFixAsync<FixProcessSignatureCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task A_generic_Process_is_wrong_without_Stored_ports_or_with_other_constraints()
    {
        const string source = Usings + """
            [VolaraTask("plain")]
            public sealed partial class Plain
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                private void {|VOL0003:Process|}<T>(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            [VolaraTask("narrow")]
            public sealed partial class Narrow
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<Stored> InData { get; init; }
                [Output] public Raw<Stored> OutData { get; init; }
                private void {|VOL0003:Process|}<T>(Block block, ReadOnlyTensorSpan<T> inData, TensorSpan<T> outData)
                    where T : unmanaged, System.Numerics.IBinaryInteger<T> { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task A_second_Process_is_reported_because_the_generator_calls_exactly_one()
    {
        const string source = Usings + """
            [VolaraTask("copy")]
            public sealed partial class Copy
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
                public static void {|VOL0003:Process|}() { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Is_silent_for_a_generic_Process_over_Stored_ports_and_tasks_without_outputs()
    {
        const string source = Usings + """
            using System.Numerics;

            [VolaraTask("stored")]
            public sealed partial class StoredTask
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Affs<Stored> Affs { get; init; }
                [Input] public Raw<Stored> Weights { get; init; }
                [Input] public Labels<byte>? Mask { get; init; }
                [Output] public Raw<Stored> Smoothed { get; init; }
                [Output] public Labels<uint>? Counts { get; init; }
                private void Process<TValue>(Block block, ReadOnlyTensorSpan<TValue> affs, ReadOnlyTensorSpan<TValue> weights, ReadOnlyTensorSpan<byte> mask, TensorSpan<TValue> smoothed, TensorSpan<uint> counts)
                    where TValue : unmanaged, INumber<TValue> { }
            }

            [VolaraTask("sink")]
            public sealed partial class Sink
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                public string Name => "sink";
                private void Process(Block block, ReadOnlyTensorSpan<float> inData) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task A_worker_state_is_the_second_parameter_and_the_fix_inserts_it()
    {
        const string source = Usings + """
            [VolaraTask("apply-model", Fit = BlockFit.Overhang)]
            public sealed partial class ApplyModel
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<byte> OutData { get; init; }
                private Session CreateWorkerState() => new();
                private void {|VOL0003:Process|}(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> outData) { }
                private sealed class Session { }
            }
            """;
        const string fixedSource = Usings + """
            [VolaraTask("apply-model", Fit = BlockFit.Overhang)]
            public sealed partial class ApplyModel
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<byte> OutData { get; init; }
                private Session CreateWorkerState() => new();
                private void Process(Block block, Session state, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> outData) { }
                private sealed class Session { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.CodeFixAsync<FixProcessSignatureCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task Is_silent_when_Process_takes_the_worker_state()
    {
        const string source = Usings + """
            [VolaraTask("apply-model")]
            public sealed partial class ApplyModel
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<byte> OutData { get; init; }
                private System.IO.MemoryStream CreateWorkerState() => new();
                private void Process(Block block, System.IO.MemoryStream scratch, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> outData) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task A_list_output_is_passed_as_its_opened_arrays()
    {
        const string source = Usings + """
            using System.Collections.Generic;
            using Volara.Runtime.Datasets;

            [VolaraTask("heads")]
            public sealed partial class Heads
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public IReadOnlyList<Dataset?> OutData { get; init; }
                public string Name => "heads";
                private OutputFormat OutputFormat(string field, int index) => new(1, Volara.Runtime.Storage.DataType.Float32);
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, IReadOnlyList<VolumeArray?> outData) { }
            }

            [VolaraTask("tensors")]
            public sealed partial class Tensors
            {
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public IReadOnlyList<Raw?> OutData { get; init; }
                public string Name => "tensors";
                private OutputFormat OutputFormat(string field, int index) => new(1, Volara.Runtime.Storage.DataType.Float32);
                private void {|#0:Process|}(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source, Microsoft.CodeAnalysis.Testing.DiagnosticResult
            .CompilerError(DiagnosticIds.ProcessSignatureMismatch)
            .WithLocation(0)
            .WithArguments("Tensors", "void Process(Block, ReadOnlyTensorSpan<float>, IReadOnlyList<VolumeArray?>)"));
    }
}
