using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

public class TaskCoordinateTests
{
    private const string Task = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        [VolaraTask("blur")]
        public sealed partial class Blur
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            [Context] public Coordinate Context { get; init; }
            public Coordinate Other { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
        }

        """;

    [Fact]
    public Task A_context_with_fewer_axes_than_the_block_size_is_padded_with_zeros()
    {
        const string source = Task + """
            public static class Pipelines
            {
                public static Blur TooShort() => new Blur { Context = {|VOL0004:new(1)|}, BlockSize = new Coordinate(8, 8, 8) };
            }
            """;
        const string fixedSource = Task + """
            public static class Pipelines
            {
                public static Blur TooShort() => new Blur { Context = new(1, 0, 0), BlockSize = new Coordinate(8, 8, 8) };
            }
            """;
        return Verify<TaskCoordinateAnalyzer>.CodeFixAsync<ResizeContextCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task A_block_size_with_fewer_axes_than_its_context_is_blamed_itself()
    {
        // Leaving out an axis is the usual slip: a 2-D block size beside a 3-D context is most likely the wrong one.
        const string source = Task + """
            public static class Pipelines
            {
                public static Blur ShortBlock() => new Blur { BlockSize = {|VOL0004:new Coordinate(8, 8)|}, Context = new Coordinate(1, 2, 3) };
                public static Blur LongContext() => new Blur { BlockSize = {|VOL0004:new Coordinate(8, 8, 8)|}, Context = new Coordinate(1, 2, 3, 4) };
            }
            """;
        return Verify<TaskCoordinateAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Non_positive_block_size_and_negative_context_are_reported_on_the_value()
    {
        const string source = Task + """
            public static class Pipelines
            {
                public static Blur Created() => new Blur { BlockSize = new Coordinate(8, {|VOL0005:0|}, {|VOL0005:-4|}), Context = new Coordinate(0, {|VOL0006:-1|}, 2) };
            }

            [VolaraTask("defaults")]
            public sealed partial class Defaults
            {
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; } = new Coordinate({|VOL0005:-8|}, 8);
                [Context] public Coordinate Context { get; init; } = new Coordinate({|VOL0006:-2|}, 0);
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }
            """;
        return Verify<TaskCoordinateAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Is_silent_for_valid_constants_values_not_known_at_compile_time_and_other_properties()
    {
        const string source = Task + """
            public static class Pipelines
            {
                public static Blur Valid() => new Blur { BlockSize = new Coordinate(8, 8, 8), Context = new Coordinate(0, 1, 2) };
                public static Blur FromArguments(long size) => new Blur { BlockSize = new Coordinate(size, -size), Context = new Coordinate(1, 2, 3) };
                public static Blur Unrelated() => new Blur { Other = new Coordinate(-1, -1, -1, -1), BlockSize = new Coordinate(4, 4) };
                public static Coordinate NotATask() => new Coordinate(-1, 0);
            }
            """;
        return Verify<TaskCoordinateAnalyzer>.AnalyzerAsync(source);
    }
}
