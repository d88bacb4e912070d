using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

public class ParameterReferenceTests
{
    private const string Tasks = """
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;
        using Untyped = Volara.Runtime.Datasets;

        public sealed record SqliteConfig
        {
            public string Path { get; init; }
            public IReadOnlyDictionary<string, string> EdgeAttrs { get; init; }
        }

        [VolaraTask("aff-agglom")]
        public sealed partial class AffAgglom
        {
            [Input] public Affs<float> Affs { get; init; }
            [Input] public Labels<ulong> Frags { get; init; }
            [Parameter, OffsetsOf(nameof(Affs))] public IReadOnlyDictionary<string, IReadOnlyList<Coordinate>> Scores { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> affs, ReadOnlyTensorSpan<ulong> frags) { }
        }

        [VolaraTask("graph-mws", WholeRoi = true)]
        public sealed partial class GraphMws
        {
            [Parameter] public SqliteConfig Db { get; init; }
            [Parameter, EdgeAttributesOf(nameof(Db))] public IReadOnlyDictionary<string, double[]> Weights { get; init; }
            [Parameter, EdgeAttributesOf(nameof(Db))] public IReadOnlyList<string> MeanAttrs { get; init; }
            private void Process(Block block) { }
        }

        """;

    [Fact]
    public Task Offsets_outside_the_neighborhood_are_removed_with_fix_all()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static AffAgglom Inline() => new AffAgglom
                {
                    Affs = new Untyped.Affs { Store = "a.zarr/affs", Neighborhood = [new Coordinate(0, 0, 1), new Coordinate(0, 1, 0)] },
                    Scores = new Dictionary<string, IReadOnlyList<Coordinate>>
                    {
                        ["adj"] = [new Coordinate(0, 0, 1), {|VOL0204:new Coordinate(0, 0, 4)|}],
                        ["side"] = new[] { new Coordinate(0, 1, 0), {|VOL0204:new Coordinate(1, 0, 0)|} },
                    },
                };

                public static AffAgglom FromLocals()
                {
                    var affs = new Untyped.Affs { Store = "b.zarr/affs", Neighborhood = new[] { new Coordinate(1, 0), new Coordinate(0, 1) } };
                    var scores = new Dictionary<string, IReadOnlyList<Coordinate>> { ["all"] = [{|VOL0204:new Coordinate(2, 0)|}, new Coordinate(1, 0)] };
                    return new AffAgglom { Affs = affs, Scores = scores };
                }
            }
            """;
        const string fixedSource = Tasks + """
            public static class Pipelines
            {
                public static AffAgglom Inline() => new AffAgglom
                {
                    Affs = new Untyped.Affs { Store = "a.zarr/affs", Neighborhood = [new Coordinate(0, 0, 1), new Coordinate(0, 1, 0)] },
                    Scores = new Dictionary<string, IReadOnlyList<Coordinate>>
                    {
                        ["adj"] = [new Coordinate(0, 0, 1)],
                        ["side"] = new[] { new Coordinate(0, 1, 0) },
                    },
                };

                public static AffAgglom FromLocals()
                {
                    var affs = new Untyped.Affs { Store = "b.zarr/affs", Neighborhood = new[] { new Coordinate(1, 0), new Coordinate(0, 1) } };
                    var scores = new Dictionary<string, IReadOnlyList<Coordinate>> { ["all"] = [new Coordinate(1, 0)] };
                    return new AffAgglom { Affs = affs, Scores = scores };
                }
            }
            """;
        return Verify<OffsetsOfAnalyzer>.CodeFixAsync<RemoveOffsetCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task Offsets_are_silent_when_inside_or_when_the_neighborhood_is_not_a_constant()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static AffAgglom Inside() => new AffAgglom
                {
                    Affs = new Untyped.Affs { Store = "a.zarr/affs", Neighborhood = [new Coordinate(0, 0, 1), new Coordinate(0, 1, 0)] },
                    Scores = new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new Coordinate(0, 1, 0), new Coordinate(0, 0, 1)] },
                };

                public static AffAgglom Unknown(IReadOnlyList<Coordinate> neighborhood) => new AffAgglom
                {
                    Affs = new Untyped.Affs { Store = "a.zarr/affs", Neighborhood = neighborhood },
                    Scores = new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new Coordinate(0, 0, 9)] },
                };

                public static AffAgglom Stored() => new AffAgglom
                {
                    Affs = new Untyped.Affs { Store = "a.zarr/affs" },
                    Scores = new Dictionary<string, IReadOnlyList<Coordinate>> { ["adj"] = [new Coordinate(0, 0, 9)] },
                };
            }
            """;
        return Verify<OffsetsOfAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Edge_attributes_the_database_does_not_declare_are_reported()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static GraphMws Inline() => new GraphMws
                {
                    Db = new SqliteConfig { Path = "g.db", EdgeAttrs = new Dictionary<string, string> { ["adj_weight"] = "float", ["lr_weight"] = "float" } },
                    Weights = new Dictionary<string, double[]> { ["adj_weight"] = [1, 0], [{|VOL0205:"lr_wieght"|}] = [1, 0] },
                    MeanAttrs = ["lr_weight", {|VOL0205:"size"|}],
                };

                public static GraphMws FromLocal()
                {
                    var db = new SqliteConfig { Path = "g.db", EdgeAttrs = new Dictionary<string, string> { ["adj_weight"] = "float" } };
                    return new GraphMws { Db = db, Weights = new Dictionary<string, double[]> { { {|VOL0205:"affinity"|}, new double[] { 1, 0 } } } };
                }

                public static GraphMws Declared() => new GraphMws
                {
                    Db = new SqliteConfig { Path = "g.db", EdgeAttrs = new Dictionary<string, string> { ["adj_weight"] = "float" } },
                    Weights = new Dictionary<string, double[]> { ["adj_weight"] = [1, 0] },
                };

                public static GraphMws Undeclared(IReadOnlyDictionary<string, string> attrs) => new GraphMws
                {
                    Db = new SqliteConfig { Path = "g.db", EdgeAttrs = attrs },
                    Weights = new Dictionary<string, double[]> { ["anything"] = [1, 0] },
                };
            }
            """;
        return Verify<EdgeAttributesOfAnalyzer>.AnalyzerAsync(source);
    }
}
