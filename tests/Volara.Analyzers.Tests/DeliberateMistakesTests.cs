using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Volara.Analyzers.Tests;

/// <summary>
/// One project full of deliberate mistakes, run through every analyzer at once: each diagnostic fires exactly on
/// its mistake, and the correct code around it (including the runtime's own kind of task) stays silent.
/// </summary>
public class DeliberateMistakesTests
{
    internal const string Source = """
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;
        using Untyped = Volara.Runtime.Datasets;

        // Correct: the shape every other task here gets wrong in one way.
        [VolaraTask("fragments")]
        public sealed partial class Fragments
        {
            [Input(Requires = ElementKinds.FloatingPoint)] public Affs<float> Affinities { get; init; }
            [Output] public Labels<ulong> FragmentIds { get; init; }
            [Parameter] public IReadOnlyList<Coordinate> Neighborhood { get; init; } = [new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)];
            [Parameter, PerOffset(nameof(Neighborhood))] public IReadOnlyList<double> Bias { get; init; } = [-0.5, -0.5, -0.5];
            [BlockSize] public Coordinate BlockSize { get; init; } = new Coordinate(64, 64, 64);
            [Context] public Coordinate Context { get; init; } = new Coordinate(8, 8, 8);
            private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragmentIds) { }
        }

        [VolaraTask("not-partial")]
        public sealed class {|VOL0001:NotPartial|}
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
        }

        [VolaraTask("no-process")]
        public sealed partial class {|VOL0002:NoProcess|}
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
        }

        [VolaraTask("wrong-process")]
        public sealed partial class WrongProcess
        {
            [Input(Requires = ElementKinds.UnsignedInteger)] public Labels<int> {|VOL0101:Fragments|} { get; init; }
            [Output] public Labels<ulong> Segments { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void {|VOL0003:Process|}(Block block, ReadOnlyTensorSpan<long> fragments, TensorSpan<ulong> segments) { }
        }

        [VolaraTask("relabel")]
        public sealed partial class Relabel
        {
            [Input(Requires = ElementKinds.UnsignedInteger)] public Labels<uint> {|#1:Fragments|} { get; init; }
            [Output] public Labels<ulong> Segments { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; } = new Coordinate({|VOL0005:0|}, 64, 64);
            [Context] public Coordinate Context { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<uint> fragments, TensorSpan<ulong> segments) { }
        }

        public sealed record GraphConfig
        {
            public IReadOnlyDictionary<string, string> EdgeAttrs { get; init; }
        }

        [VolaraTask("agglomerate")]
        public sealed partial class Agglomerate
        {
            [Input] public Affs<float> Affinities { get; init; }
            [Parameter] public GraphConfig Db { get; init; }
            [Parameter, OffsetsOf(nameof(Affinities))] public IReadOnlyDictionary<string, IReadOnlyList<Coordinate>> Scores { get; init; }
            [Parameter, EdgeAttributesOf(nameof(Db))] public IReadOnlyDictionary<string, double> Weights { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            public string Name => "agglomerate";
            private void Process(Block block, ReadOnlyTensorSpan<float> affinities) { }
        }

        // Correct: a whole-volume task without dataset ports names itself.
        [VolaraTask("graph-summary", WholeRoi = true)]
        public sealed partial class GraphSummary
        {
            [Parameter] public GraphConfig Db { get; init; }
            public string Name => "summary";
            private void Process(Block block) { }
        }

        [VolaraTask("graph-totals", WholeRoi = true, {|VOL0023:OverlapIo = true|})]
        public sealed partial class GraphTotals
        {
            [Parameter] public GraphConfig Db { get; init; }
            public string Name => "totals";
            private void Process(Block block) { }
        }

        #nullable enable
        [VolaraTask("optional-first")]
        public sealed partial class OptionalFirst
        {
            [Input] public Raw<float>? {|VOL0009:InData|} { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
        }

        #nullable restore
        [VolaraTask("stored-from-nowhere")]
        public sealed partial class StoredFromNowhere
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<Stored> {|VOL0010:OutData|} { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process<T>(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<T> outData) where T : unmanaged, System.Numerics.INumber<T> { }
        }

        [VolaraTask("nameless")]
        public sealed partial class {|VOL0011:Nameless|}
        {
            [Input] public Affs<float> Affinities { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> affinities) { }
        }

        [VolaraTask("odd-settings")]
        public sealed partial class OddSettings
        {
            [Input] public Raw<float> InData { get; init; }
            [Input] public string {|VOL0016:Path|} { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public int[] {|VOL0014:BlockSize|} { get; init; }
        }

        public class TaskBase { }

        [VolaraTask("derived")]
        public sealed partial class {|VOL0015:Derived|} : TaskBase
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
        }

        [VolaraTask("from-nothing")]
        public sealed partial class {|VOL0012:{|VOL0013:FromNothing|}|}
        {
            [Output] public Raw<float> OutData { get; init; }
            private void Process(Block block, TensorSpan<float> outData) { }
        }

        [VolaraTask("shared-session")]
        public sealed partial class SharedSession
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private static System.IO.MemoryStream {|VOL0017:CreateWorkerState|}() => new();
            private void Process(Block block, System.IO.MemoryStream scratch, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
        }

        [VolaraTask("formatless-heads")]
        public sealed partial class FormatlessHeads
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public IReadOnlyList<Untyped.Raw> {|VOL0018:OutData|} { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            public string Name => "heads";
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, IReadOnlyList<Untyped.VolumeArray> outData) { }
        }

        [VolaraTask("")]
        public sealed partial class {|VOL0019:Unnamed|}
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
        }

        #nullable enable
        [VolaraTask("optional-heads")]
        public sealed partial class OptionalHeads
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public IReadOnlyList<Untyped.Raw?>? {|VOL0020:OutData|} { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            public string Name => "heads";
            private Volara.Runtime.Dsl.OutputFormat OutputFormat(string field, int index) => new(1, Volara.Runtime.Storage.DataType.Float32);
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, IReadOnlyList<Untyped.VolumeArray?> outData) { }
        }
        #nullable restore

        [VolaraTask("misdirected-bias")]
        public sealed partial class MisdirectedBias
        {
            [Input] public Affs<float> Affinities { get; init; }
            [Output] public Labels<ulong> Fragments { get; init; }
            [Parameter, PerOffset(nameof(BlockSize))] public IReadOnlyList<double> {|VOL0021:Bias|} { get; init; } = [];
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragments) { }
        }

        [VolaraTask("spatial-frags")]
        public sealed partial class SpatialFrags
        {
            [Input] public Affs<float> Affinities { get; init; }
            [Output] public Labels<ulong> Fragments { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragments) =>
                {|VOL0022:fragments[0, 0, 0]|} = (ulong)affinities[0, 0, 0, 0];
        }

        public static class Pipelines
        {
            public static Agglomerate CorrectAgglomeration() => new Agglomerate
            {
                Affinities = new Untyped.Affs { Store = "ok.zarr/affs", Neighborhood = [new(0, 0, 1), new(0, 1, 0)], VoxelSize = new Coordinate(40, 4, 4) },
                Db = new GraphConfig { EdgeAttrs = new Dictionary<string, string> { ["adj"] = "float" } },
                Scores = new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new(0, 1, 0)] },
                Weights = new Dictionary<string, double> { ["adj"] = 1 },
                BlockSize = new Coordinate(8, 8, 8),
            };

            public static Agglomerate MistakenAgglomeration() => new Agglomerate
            {
                Affinities = new Untyped.Affs { Store = "m.zarr/affs", Neighborhood = [new(0, 0, 1), new(0, 1, 0)], VoxelSize = {|VOL0008:new Coordinate(4, {|VOL0007:-4|})|} },
                Db = new GraphConfig { EdgeAttrs = new Dictionary<string, string> { ["adj"] = "float" } },
                Scores = new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new(0, 1, 0), {|VOL0204:new(0, 0, 3)|}] },
                Weights = new Dictionary<string, double> { [{|VOL0205:"lr"|}] = 1 },
                BlockSize = new Coordinate(8, 8, 8),
            };

            public static object[] Correct() =>
            [
                new Fragments { Affinities = new Untyped.Affs { Store = "ok.zarr/affs" }, FragmentIds = new Untyped.Labels { Store = "ok.zarr/frags" } },
                new Relabel { Fragments = new Untyped.Labels { Store = "ok.zarr/other" }, Segments = new Untyped.Labels { Store = "ok.zarr/segs" }, BlockSize = new Coordinate(8, 8, 8) },
            ];

            public static object[] Mistaken() =>
            [
                new Fragments
                {
                    Affinities = new Untyped.Affs { Store = "s.zarr/affs" },
                    FragmentIds = new Untyped.Labels { Store = "s.zarr/frags" },
                    Bias = {|VOL0201:[-0.5, -0.5]|},
                    BlockSize = new Coordinate(64, 64, {|VOL0005:-64|}),
                    Context = {|VOL0004:new Coordinate(8, {|VOL0006:-8|})|},
                },
                new Relabel { Fragments = {|#0:new Untyped.Labels { Store = "s.zarr/frags" }|}, Segments = new Untyped.Labels { Store = "s.zarr/segs" } },
                new Fragments { Affinities = new Untyped.Affs { Store = "s.zarr/affs" }, FragmentIds = {|VOL0202:new Untyped.Labels { Store = "s.zarr/segs" }|} },
                new Relabel { Fragments = {|VOL0203:new Untyped.Labels { Store = "t.zarr/labels" }|}, Segments = new Untyped.Labels { Store = "t.zarr/labels" } },
            ];
        }
        """;

    // Diagnostics with an additional location cannot be written as markup.
    private static readonly DiagnosticResult[] Explicit =
    [
        // written as ulong by Fragments, read as uint by Relabel; also points at the consuming port, which its fix retypes
        new DiagnosticResult(DiagnosticIds.DatasetElementTypeMismatch, DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1),
    ];

    [Fact]
    public async Task Every_diagnostic_fires_on_its_mistake_and_nowhere_else()
    {
        var test = new AllAnalyzersTest { TestCode = Source, ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
        test.TestState.AdditionalReferences.AddRange(Verify<TaskDeclarationAnalyzer>.References);
        test.ExpectedDiagnostics.AddRange(Explicit);
        // VOL0101 is one descriptor shared by two analyzers.
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        await test.RunAsync();
    }

    [Fact]
    public void Every_descriptor_is_exercised_by_this_project()
    {
        var reported = System.Text.RegularExpressions.Regex.Matches(Source, @"\{\|(VOL\d{4}):").Select(m => m.Groups[1].Value)
            .Concat(Explicit.Select(d => d.Id))
            .ToHashSet();
        var declared = typeof(DiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.Equal(declared.Order(), reported.Order());
    }

    private sealed class AllAnalyzersTest : CSharpAnalyzerTest<TaskDeclarationAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
        [
            new TaskDeclarationAnalyzer(),
            new TaskCoordinateAnalyzer(),
            new PortRequirementAnalyzer(),
            new PipelineDatasetAnalyzer(),
            new PerOffsetLengthAnalyzer(),
            new OffsetsOfAnalyzer(),
            new EdgeAttributesOfAnalyzer(),
            new VoxelSizeAnalyzer(),
            new OutputRankAnalyzer(),
        ];
    }
}
