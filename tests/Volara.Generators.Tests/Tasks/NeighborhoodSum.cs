using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Generators.Tests.Tasks;

/// <summary>Each voxel of a 2D image becomes the sum of its (2r+1)² window: exercises context reads and padding.</summary>
[VolaraTask("test-neighborhood-sum")]
public sealed partial class NeighborhoodSum
{
    [Input]
    public required Raw<int> Values { get; init; }

    [Output]
    public required Raw<long> Sums { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    /// <summary>The window radius r in both axes.</summary>
    [Context]
    public required Coordinate Radius { get; init; }

    private void Process(Block block, ReadOnlyTensorSpan<int> values, TensorSpan<long> sums)
    {
        int ry = (int)Radius.ValueAt(0), rx = (int)Radius.ValueAt(1);
        int readWidth = (int)values.Lengths[1];
        int height = (int)sums.Lengths[0], width = (int)sums.Lengths[1];
        var source = values.AsReadOnlySpan();
        var target = sums.AsSpan();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                long sum = 0;
                for (int dy = 0; dy <= 2 * ry; dy++)
                {
                    for (int dx = 0; dx <= 2 * rx; dx++)
                    {
                        sum += source[((y + dy) * readWidth) + x + dx];
                    }
                }

                target[(y * width) + x] = sum;
            }
        }
    }
}
