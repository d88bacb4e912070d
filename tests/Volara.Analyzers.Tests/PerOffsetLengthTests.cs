using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

public class PerOffsetLengthTests
{
    private const string Task = """
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        [VolaraTask("mws")]
        public sealed partial class MutexWatershed
        {
            [Input] public Affs<float> Affinities { get; init; }
            [Output] public Labels<ulong> Segments { get; init; }
            [Parameter] public IReadOnlyList<Coordinate> Neighborhood { get; init; } = [new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)];
            [Parameter, PerOffset(nameof(Neighborhood))] public IReadOnlyList<double> Bias { get; init; } = [-0.5, -0.5, -0.5];
            [Parameter] public IReadOnlyList<int> Other { get; init; } = [1];
            private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> segments) { }
        }

        """;

    [Fact]
    public Task Bias_lists_are_trimmed_or_padded_with_their_last_value()
    {
        const string source = Task + """
            public static class Pipelines
            {
                public static MutexWatershed Longer() => new MutexWatershed { Bias = {|VOL0201:[-0.5, -0.5, -0.9, -0.9]|} };
                public static MutexWatershed Shorter() => new MutexWatershed
                {
                    Neighborhood = [new(1, 0, 0), new(0, 1, 0), new(0, 0, 1), new(0, 0, 4)],
                    Bias = {|VOL0201:new double[] { -0.5, -0.7 }|},
                };
            }
            """;
        const string fixedSource = Task + """
            public static class Pipelines
            {
                public static MutexWatershed Longer() => new MutexWatershed { Bias = [-0.5, -0.5, -0.9] };
                public static MutexWatershed Shorter() => new MutexWatershed
                {
                    Neighborhood = [new(1, 0, 0), new(0, 1, 0), new(0, 0, 1), new(0, 0, 4)],
                    Bias = new double[] { -0.5, -0.7, -0.7, -0.7 },
                };
            }
            """;
        return Verify<PerOffsetLengthAnalyzer>.CodeFixAsync<ResizePerOffsetListCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task A_neighbourhood_set_against_a_default_bias_is_reported_on_the_neighbourhood()
    {
        const string source = Task + """
            public static class Pipelines
            {
                public static MutexWatershed TwoOffsets() => new MutexWatershed { Neighborhood = {|VOL0201:[new(1, 0, 0), new(0, 1, 0)]|} };
            }
            """;
        return Verify<PerOffsetLengthAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Mismatched_defaults_are_reported_once_on_the_declaration()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Numerics.Tensors;
            using Volara.Runtime.Dsl;
            using Volara.Runtime.Engine;
            using Volara.Runtime.Geometry;

            [VolaraTask("strided")]
            public sealed partial class Strided
            {
                [Input] public Affs<float> Affinities { get; init; }
                [Output] public Labels<ulong> Segments { get; init; }
                [Parameter] public Coordinate[] Offsets { get; init; } = new[] { new Coordinate(1, 0), new Coordinate(0, 1) };
                [Parameter, PerOffset(nameof(Offsets))] public List<int> Strides { get; init; } = {|VOL0201:new List<int> { 1, 1, 2 }|};
                private void Process(Block block, ReadOnlyTensorSpan<float> affinities, TensorSpan<ulong> segments) { }
            }

            public static class Pipelines
            {
                public static Strided Unchanged() => new Strided { Affinities = null };
            }
            """;
        return Verify<PerOffsetLengthAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Is_silent_for_matching_lengths_unknown_lengths_and_unmarked_lists()
    {
        const string source = Task + """
            public static class Pipelines
            {
                public static MutexWatershed Matching() => new MutexWatershed { Bias = [0.1, 0.2, 0.3], Other = [1, 2, 3, 4, 5] };
                public static MutexWatershed BothSet() => new MutexWatershed { Neighborhood = [new(1, 0, 0)], Bias = new[] { 0.5 } };
                public static MutexWatershed Spread(double[] extra) => new MutexWatershed { Bias = [0.1, .. extra] };
                public static MutexWatershed FromArgument(List<double> bias) => new MutexWatershed { Bias = bias };
            }
            """;
        return Verify<PerOffsetLengthAnalyzer>.AnalyzerAsync(source);
    }
}
