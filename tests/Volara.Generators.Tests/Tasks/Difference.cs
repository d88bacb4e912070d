using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Generators.Tests.Tasks;

/// <summary><c>a - b</c> over two inputs of different stored types, both read as float64.</summary>
[VolaraTask("test-difference")]
public sealed partial class Difference
{
    [Input]
    public required Raw<double> A { get; init; }

    [Input]
    public required Raw<double> B { get; init; }

    [Output]
    public required Raw<double> Result { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    private void Process(Block block, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> result) =>
        TensorPrimitives.Subtract(a.AsReadOnlySpan(), b.AsReadOnlySpan(), result.AsSpan());
}
