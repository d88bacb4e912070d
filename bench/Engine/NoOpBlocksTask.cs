using System.Text.Json.Serialization;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Bench.Engine;

/// <summary>A task whose blocks do nothing, so a run measures only scheduling and transport.</summary>
[BlockwiseTask("bench_noop")]
public sealed class NoOpBlocksTask : BlockwiseTaskBase
{
    public required string TaskName { get; init; }

    [JsonIgnore]
    public override string Name => TaskName;

    public required Roi TotalRoi { get; init; }

    public override BlockLayout Layout =>
        new(TotalRoi, Coordinate.Filled(TotalRoi.Dims, 1), Coordinate.Filled(TotalRoi.Dims, 0), Coordinate.Filled(TotalRoi.Dims, 0));

    public override IBlockProcessor CreateProcessor() => new NoOpProcessor();

    private sealed class NoOpProcessor : IBlockProcessor
    {
        public void Process(Block block)
        {
        }

        public void Dispose()
        {
        }
    }
}
