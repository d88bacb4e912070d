using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

public class PipelineDatasetTests
{
    private const string Tasks = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Untyped = Volara.Runtime.Datasets;

        [VolaraTask("fragments")]
        public sealed partial class Fragments
        {
            [Input] public Affs<float> Affinities { get; init; }
            [Output] public Labels<ulong> FragmentIds { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> fragmentIds) { }
        }

        [VolaraTask("relabel")]
        public sealed partial class Relabel
        {
            [Input] public Labels<uint> Fragments { get; init; }
            [Output] public Labels<ulong> Segments { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<uint> fragments, TensorSpan<ulong> segments) { }
        }

        [VolaraTask("grow", ReadWriteConflict = true)]
        public sealed partial class Grow
        {
            [Input] public Labels<ulong> Seeds { get; init; }
            [Output] public Labels<ulong> Grown { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<ulong> seeds, TensorSpan<ulong> grown) { }
        }

        [VolaraTask("copy")]
        public sealed partial class Copy
        {
            [Input] public Labels<Stored> Source { get; init; }
            [Output] public Labels<Stored> Target { get; init; }
            private void Process<T>(Block block, ReadOnlyTensorSpan<T> source, TensorSpan<T> target) where T : unmanaged, System.Numerics.INumber<T> { }
        }

        [VolaraTask("count")]
        public sealed partial class Count
        {
            [Input] public Labels<int> Fragments { get; init; }
            [Output] public Raw<float> Sizes { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<int> fragments, TensorSpan<float> sizes) { }
        }

        """;

    [Fact]
    public Task Datasets_read_with_another_element_type_than_written_are_fixed_on_the_consuming_ports()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static object[] Segmentation() =>
                [
                    new Fragments { Affinities = new Untyped.Affs { Store = "s.zarr/affs" }, FragmentIds = new Untyped.Labels { Store = "s.zarr/frags" } },
                    new Relabel { Fragments = {|VOL0102:new Untyped.Labels { Store = "s.zarr/frags" }|}, Segments = new Labels<ulong>(new Untyped.Labels { Store = "s.zarr/segs" }) },
                    new Count { Fragments = {|VOL0102:new Untyped.Labels { Store = "s.zarr/frags" }|}, Sizes = new Untyped.Raw { Store = "s.zarr/sizes" } },
                ];
            }
            """;
        var fixedSource = source
            .Replace("[Input] public Labels<uint> Fragments", "[Input] public Labels<ulong> Fragments")
            .Replace("[Input] public Labels<int> Fragments", "[Input] public Labels<ulong> Fragments")
            .Replace("{|VOL0102:", "").Replace("}|}", "}");
        return Verify<PipelineDatasetAnalyzer>.CodeFixAsync<MatchProducerElementTypeCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task Two_writers_of_one_dataset_and_a_task_reading_its_own_output_are_reported()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static object[] Twice() =>
                [
                    new Relabel { Fragments = new Untyped.Labels { Store = "a.zarr/frags" }, Segments = new Untyped.Labels { Store = "a.zarr/segs" } },
                    new Fragments { Affinities = new Untyped.Affs { Store = "a.zarr/affs" }, FragmentIds = {|VOL0202:new Untyped.Labels { Store = "a.zarr/segs" }|} },
                ];

                public static Relabel InPlace() =>
                    new Relabel { Fragments = {|VOL0203:new Untyped.Labels { Store = "b.zarr/labels" }|}, Segments = new Untyped.Labels { Store = "b.zarr/labels" } };
            }
            """;
        return Verify<PipelineDatasetAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Datasets_and_tasks_held_in_locals_are_followed()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static object[] FromLocals()
                {
                    var frags = new Untyped.Labels { Store = "h.zarr/frags" };
                    var first = new Fragments { Affinities = new Untyped.Affs { Store = "h.zarr/affs" }, FragmentIds = frags };
                    var second = new Fragments { Affinities = new Untyped.Affs { Store = "h.zarr/affs2" }, FragmentIds = {|VOL0202:frags|} };
                    var labels = new Untyped.Labels { Store = "h.zarr/labels" };
                    var inPlace = new Relabel { Fragments = {|VOL0203:labels|}, Segments = labels };
                    return [first, second, inPlace];
                }

                public static object[] Reassigned(bool other)
                {
                    var frags = new Untyped.Labels { Store = "i.zarr/frags" };
                    if (other)
                    {
                        frags = new Untyped.Labels { Store = "i.zarr/other" };
                    }

                    return
                    [
                        new Fragments { Affinities = new Untyped.Affs { Store = "i.zarr/affs" }, FragmentIds = frags },
                        new Fragments { Affinities = new Untyped.Affs { Store = "i.zarr/affs" }, FragmentIds = frags },
                    ];
                }
            }
            """;
        return Verify<PipelineDatasetAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Store_paths_built_from_constants_are_followed()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                private const string Root = "/data/run.zarr";

                public static object[] Combined()
                {
                    string frags = System.IO.Path.Combine(Root, "frags");
                    return
                    [
                        new Fragments { Affinities = new Untyped.Affs { Store = $"{Root}/affs" }, FragmentIds = new Untyped.Labels { Store = frags } },
                        new Fragments { Affinities = new Untyped.Affs { Store = Root + "/affs" }, FragmentIds = {|VOL0202:new Untyped.Labels { Store = $"{Root}/./frags/" }|} },
                        new Relabel { Fragments = {|VOL0102:new Untyped.Labels { Store = System.IO.Path.Combine("/data", "run.zarr", "x", "..", "frags") }|}, Segments = new Untyped.Labels { Store = System.IO.Path.Combine(Root, "segs") } },
                    ];
                }

                public static Relabel InPlace(int run) =>
                    new Relabel { Fragments = {|VOL0203:new Untyped.Labels { Store = $"{Root}/labels{1}" }|}, Segments = new Untyped.Labels { Store = System.IO.Path.Combine(Root, "labels1") } };

                public static object[] NotKnown(string run) =>
                [
                    new Relabel { Fragments = new Untyped.Labels { Store = $"{run}/labels" }, Segments = new Untyped.Labels { Store = System.IO.Path.Combine(Root, "segs2") } },
                    new Relabel { Fragments = new Untyped.Labels { Store = System.IO.Path.Combine(run, "labels") }, Segments = new Untyped.Labels { Store = System.IO.Path.Combine(Root, "segs3") } },
                ];
            }
            """;
        return Verify<PipelineDatasetAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Is_silent_for_matching_types_separate_methods_and_stores_not_known_at_compile_time()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static object[] Matching() =>
                [
                    new Relabel { Fragments = new Untyped.Labels { Store = "c.zarr/in" }, Segments = new Untyped.Labels { Store = "c.zarr/segs" } },
                    new Fragments { Affinities = new Untyped.Affs { Store = "c.zarr/affs" }, FragmentIds = new Untyped.Labels { Store = "c.zarr/frags" } },
                ];

                public static Fragments Producer() =>
                    new Fragments { Affinities = new Untyped.Affs { Store = "d.zarr/affs" }, FragmentIds = new Untyped.Labels { Store = "d.zarr/frags" } };

                public static Relabel OtherMethod() =>
                    new Relabel { Fragments = new Untyped.Labels { Store = "d.zarr/frags" }, Segments = new Untyped.Labels { Store = "d.zarr/segs" } };

                public static Grow InPlaceWithConflict() =>
                    new Grow { Seeds = new Untyped.Labels { Store = "f.zarr/labels" }, Grown = new Untyped.Labels { Store = "f.zarr/labels" } };

                public static object[] StoredTypes() =>
                [
                    new Fragments { Affinities = new Untyped.Affs { Store = "g.zarr/affs" }, FragmentIds = new Untyped.Labels { Store = "g.zarr/frags" } },
                    new Copy { Source = new Untyped.Labels { Store = "g.zarr/frags" }, Target = new Untyped.Labels { Store = "g.zarr/copy" } },
                    new Relabel { Fragments = new Untyped.Labels { Store = "g.zarr/copy" }, Segments = new Untyped.Labels { Store = "g.zarr/segs" } },
                ];

                public static object[] FromArguments(string store) =>
                [
                    new Fragments { Affinities = new Untyped.Affs { Store = "e.zarr/affs" }, FragmentIds = new Untyped.Labels { Store = store } },
                    new Relabel { Fragments = new Untyped.Labels { Store = store }, Segments = new Untyped.Labels { Store = store + "/segs" } },
                ];
            }
            """;
        return Verify<PipelineDatasetAnalyzer>.AnalyzerAsync(source);
    }
}
