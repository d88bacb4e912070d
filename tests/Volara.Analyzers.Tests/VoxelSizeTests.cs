namespace Volara.Analyzers.Tests;

public class VoxelSizeTests
{
    private const string Tasks = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;
        using Untyped = Volara.Runtime.Datasets;

        [VolaraTask("invert")]
        public sealed partial class Invert
        {
            [Input] public Raw<float> InData { get; init; }
            [Output] public Raw<float> OutData { get; init; }
            [BlockSize] public Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
        }

        """;

    [Fact]
    public Task Non_positive_values_and_the_wrong_number_of_axes_are_reported()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static Untyped.Raw Negative() => new Untyped.Raw { Store = "a.zarr/raw", VoxelSize = new Coordinate(4, {|VOL0007:-4|}, {|VOL0007:0|}) };

                public static Invert Flat()
                {
                    var raw = new Untyped.Raw { Store = "a.zarr/raw", VoxelSize = {|VOL0008:new Coordinate(4, 4)|} };
                    return new Invert { InData = raw, OutData = new Untyped.Raw { Store = "a.zarr/out" }, BlockSize = new Coordinate(8, 8, 8) };
                }
            }
            """;
        return Verify<VoxelSizeAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public Task Is_silent_for_positive_matching_or_unknown_voxel_sizes()
    {
        const string source = Tasks + """
            public static class Pipelines
            {
                public static Invert Matching() => new Invert
                {
                    InData = new Untyped.Raw { Store = "a.zarr/raw", VoxelSize = new Coordinate(40, 4, 4) },
                    OutData = new Untyped.Raw { Store = "a.zarr/out" },
                    BlockSize = new Coordinate(8, 8, 8),
                };

                public static Invert UnknownBlockSize(Coordinate blockSize) => new Invert
                {
                    InData = new Untyped.Raw { Store = "a.zarr/raw", VoxelSize = new Coordinate(4, 4) },
                    OutData = new Untyped.Raw { Store = "a.zarr/out" },
                    BlockSize = blockSize,
                };

                public static Untyped.Raw FromArgument(long size) => new Untyped.Raw { Store = "a.zarr/raw", VoxelSize = new Coordinate(size, -size) };
            }
            """;
        return Verify<VoxelSizeAnalyzer>.AnalyzerAsync(source);
    }
}
