using System.Text.Json.Serialization;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.TestWorker;

/// <summary>Common fields of the test tasks: a name and a block grid without context.</summary>
public abstract class TestTask : BlockwiseTaskBase
{
    public required string TaskName { get; init; }

    [JsonIgnore]
    public override string Name => TaskName;

    public required Roi TotalRoi { get; init; }

    public required Coordinate BlockSize { get; init; }

    [JsonIgnore]
    public override BlockLayout Layout =>
        new(TotalRoi, BlockSize, Coordinate.Filled(BlockSize.Dims, 0), Coordinate.Filled(BlockSize.Dims, 0));
}
