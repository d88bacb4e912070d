using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Volara.Analyzers.Tests;

/// <summary>VOL0023: OverlapIo where part of the reading or writing cannot leave Process.</summary>
public class OverlapIoTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using System.Text.Json.Serialization;
        using Volara.Runtime.Datasets;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;
        using Volara.Runtime.Storage;

        """;

    [Fact]
    public Task A_list_output_written_by_Process_without_pending_writes_is_reported_on_the_argument()
    {
        const string source = Usings + """
            [VolaraTask("heads", Fit = BlockFit.Overhang, {|#0:OverlapIo = true|})]
            public sealed partial class Heads
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required IReadOnlyList<Dataset?> OutData { get; init; }
                [BlockSize] public required Coordinate BlockSize { get; init; }

                [JsonIgnore]
                public string Name => "heads";

                private OutputFormat OutputFormat(string field, int index) => new(1, DataType.UInt8);

                private void Process(Block block, ReadOnlyTensorSpan<float> inData, IReadOnlyList<VolumeArray?> outData)
                {
                }
            }
            """;
        var expected = new DiagnosticResult(DiagnosticIds.OverlapIoWithoutEffect, DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("Heads", "leaves the writes of list output 'OutData' inside Process, where they do not overlap the next block: keep them pending in a worker state that implements IPendingWrites");
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source, expected);
    }

    [Fact]
    public Task A_list_output_whose_writes_the_worker_state_keeps_pending_is_not_reported()
    {
        const string source = Usings + """
            [VolaraTask("heads", Fit = BlockFit.Overhang, OverlapIo = true)]
            public sealed partial class Heads
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required IReadOnlyList<Dataset?> OutData { get; init; }
                [BlockSize] public required Coordinate BlockSize { get; init; }

                [JsonIgnore]
                public string Name => "heads";

                private OutputFormat OutputFormat(string field, int index) => new(1, DataType.UInt8);

                private Pending CreateWorkerState() => new();

                private void Process(Block block, Pending pending, ReadOnlyTensorSpan<float> inData, IReadOnlyList<VolumeArray?> outData)
                {
                }

                private sealed class Pending : IPendingWrites
                {
                    public void WritePending(Block block)
                    {
                    }
                }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Typed_outputs_overlap_without_a_worker_state()
    {
        const string source = Usings + """
            [VolaraTask("smooth", OverlapIo = true)]
            public sealed partial class Smooth
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                [BlockSize] public required Coordinate BlockSize { get; init; }

                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData)
                {
                }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task A_whole_volume_task_has_nothing_to_overlap()
    {
        const string source = Usings + """
            [VolaraTask("total", WholeRoi = true, {|#0:OverlapIo = true|})]
            public sealed partial class Total
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }

                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData)
                {
                }
            }
            """;
        var expected = new DiagnosticResult(DiagnosticIds.OverlapIoWithoutEffect, DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("Total", "has nothing to overlap: a whole-volume task runs one block");
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source, expected);
    }
}
