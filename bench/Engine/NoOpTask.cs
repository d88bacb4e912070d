using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Bench.Engine;

/// <summary>A cube of blocks that do nothing: measures the engine's own cost per block.</summary>
internal sealed class NoOpTask(string name, long blocksPerDim, int workers, long blockEdge = 1) : BlockwiseTaskBase
{
    public override string Name => name;

    public override BlockLayout Layout { get; } = new(
        new Roi(new Coordinate(0, 0, 0), Coordinate.Filled(3, blocksPerDim * blockEdge)),
        Coordinate.Filled(3, blockEdge), new Coordinate(0, 0, 0), new Coordinate(0, 0, 0));

    public override ExecutionOptions Execution { get; init; } = new() { NumWorkers = workers };

    public override IBlockProcessor CreateProcessor(int worker) => new Processor();

    public override JsonObject? ToConfig() => null;

    private sealed class Processor : IBlockProcessor
    {
        public void Process(Block block)
        {
        }

        public void Dispose()
        {
        }
    }
}
