using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Volara.Analyzers.Tests;

/// <summary>VOL0014 (block size, context, write ROI misdeclared), VOL0015 (a class the generator cannot complete), VOL0019 (the attribute), VOL0020 and VOL0021.</summary>
public class TaskShapeTests
{
    private const string Usings = """
        #nullable enable
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        """;

    [Fact]
    public Task Settings_of_the_wrong_type_or_repeated_fire_on_the_property()
    {
        const string source = Usings + """
            [VolaraTask("settings")]
            public sealed partial class Settings
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate? {|#0:BlockSize|} { get; init; }
                [BlockSize] public Coordinate {|#1:Chunks|} { get; init; }
                [Context] public int[]? {|#2:Context|} { get; init; }
                [WriteRoi] public Roi? Roi { get; init; }
                [WriteRoi] public Roi {|#3:OtherRoi|} { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            [VolaraTask("fine")]
            public sealed partial class Fine
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                [Context] public Coordinate? Context { get; init; }
                [WriteRoi] public Roi Roi { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            [VolaraTask("derived", Fit = BlockFit.Overhang)]
            public sealed partial class Derived
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                [Parameter] public required Coordinate Shape { get; init; }
                [BlockSize] public Coordinate BlockSize => Shape - 2;
                [Context] public (Coordinate Low, Coordinate High) Context => (Coordinate.Filled(Shape.Dims, 0), Coordinate.Filled(Shape.Dims, 2));
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(
            source,
            Expected(0, "BlockSize", "BlockSize", "is a Coordinate?, expected Coordinate"),
            Expected(1, "BlockSize", "Chunks", "repeats [BlockSize]: declare it once"),
            Expected(2, "Context", "Context", "is a int[]?, expected Coordinate, Coordinate? or (Coordinate Low, Coordinate High)"),
            Expected(3, "WriteRoi", "OtherRoi", "repeats [WriteRoi]: declare it once"));

        static DiagnosticResult Expected(int location, string attribute, string property, string reason) =>
            new DiagnosticResult(DiagnosticIds.SettingMisdeclared, DiagnosticSeverity.Error).WithLocation(location).WithArguments(attribute, property, "Settings", reason);
    }

    [Fact]
    public Task Task_classes_the_generator_cannot_complete_fire_on_their_name()
    {
        const string source = Usings + """
            public class Base { }

            [VolaraTask("derived")]
            public sealed partial class {|#0:Derived|} : Base
            {
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            [VolaraTask("engine-derived")]
            public sealed partial class {|#3:EngineDerived|} : BlockwiseTaskBase
            {
                public override string Name => "n";
                public override BlockLayout Layout => throw new System.NotSupportedException();
                public override IBlockProcessor CreateProcessor(int worker) => throw new System.NotSupportedException();
            }

            [VolaraTask("generic")]
            public abstract partial class {|#1:Generic|}<TValue>
            {
            }

            public static partial class Outer
            {
                [VolaraTask("nested")]
                public sealed partial class {|#2:Nested|} { }
            }

            // As the generator completes it: its part derives the class from the engine's base.
            [VolaraTask("fine")]
            public sealed partial class Fine
            {
                [BlockSize] public Volara.Runtime.Geometry.Coordinate BlockSize { get; init; }
                [Input] public required Raw<float> InData { get; init; }
                [Output] public required Raw<float> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            public sealed partial class Fine : global::Volara.Runtime.Engine.BlockwiseTaskBase
            {
                public override string Name => "n";
                public override BlockLayout Layout => throw new System.NotSupportedException();
                public override IBlockProcessor CreateProcessor(int worker) => throw new System.NotSupportedException();
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(
            source,
            Expected(3, "EngineDerived", "derived from 'BlockwiseTaskBase'"),
            Expected(0, "Derived", "derived from 'Base'"),
            Expected(1, "Generic", "abstract, generic"),
            Expected(2, "Nested", "nested in 'Outer'"));

        static DiagnosticResult Expected(int location, string task, string problem) =>
            new DiagnosticResult(DiagnosticIds.TaskClassNotCompletable, DiagnosticSeverity.Error).WithLocation(location).WithArguments(task, problem);
    }

    [Fact]
    public Task The_attribute_list_outputs_and_links_are_checked_where_they_are_declared()
    {
        const string source = Usings + """
            using System.Collections.Generic;
            using Volara.Runtime.Datasets;

            [VolaraTask(" ", Fit = (BlockFit)7)]
            public sealed partial class {|#0:Blank|}
            {
                [Input] public required Affs<float> Affinities { get; init; }
                [Output(SpatialOnly = true)] public required IReadOnlyList<Dataset?> {|#1:Heads|} { get; init; }
                [Parameter, OffsetsOf("Missing")] public IReadOnlyList<Coordinate> {|#2:Scores|} { get; init; } = [];
                [Parameter, PerOffset(nameof(Affinities))] public double[] {|#3:Bias|} { get; init; } = [];
                [Parameter, EdgeAttributesOf(nameof(Affinities))] public IReadOnlyList<string> {|#4:Weights|} { get; init; } = [];
                [BlockSize] public Coordinate BlockSize { get; init; }
                public string Name => "blank";
                private OutputFormat OutputFormat(string field, int index) => new(1, Volara.Runtime.Storage.DataType.Float32);
                private void Process(Block block, ReadOnlyTensorSpan<float> affinities, IReadOnlyList<VolumeArray?> heads) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(
            source,
            Expected(DiagnosticIds.TaskAttributeInvalid, 0, "Blank", "names no task type: give the type pipeline files use, such as \"threshold\""),
            Expected(DiagnosticIds.TaskAttributeInvalid, 0, "Blank", "has Fit = 7, which is not a BlockFit (Valid, Overhang, Shrink)"),
            Expected(DiagnosticIds.ListOutputMisdeclared, 1, "Heads", "Blank", "is SpatialOnly: each entry's axes come from OutputFormat"),
            Expected(DiagnosticIds.LinkMisdeclared, 2, "OffsetsOf", "Scores", "Blank", "names 'Missing', which is not a property of the task"),
            Expected(DiagnosticIds.LinkMisdeclared, 3, "PerOffset", "Bias", "Blank", "is not a collection with a count (a list of values, one per offset)"),
            Expected(DiagnosticIds.LinkMisdeclared, 4, "EdgeAttributesOf", "Weights", "Blank", "names 'Affinities', which has no EdgeAttrs (a graph database configuration has)"));

        static DiagnosticResult Expected(string id, int location, params string[] arguments) =>
            new DiagnosticResult(id, DiagnosticSeverity.Error).WithLocation(location).WithArguments(arguments);
    }
}
