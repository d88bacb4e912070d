using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Engine;

/// <summary>A task built from daisy-style arguments (total read ROI, block read and write ROIs) whose blocks run a delegate.</summary>
internal sealed class TestTask : BlockwiseTaskBase
{
    private readonly Action<Block>? process;

    public TestTask(string name, BlockLayout layout, Action<Block>? process = null, ExecutionOptions? execution = null)
    {
        Name = name;
        Layout = layout;
        this.process = process;
        Execution = execution ?? new ExecutionOptions();
    }

    public override string Name { get; }

    public override BlockLayout Layout { get; }

    public int DropCount { get; private set; }

    /// <summary>daisy's constructor: total ROI is the total read ROI, read/write are the block templates.</summary>
    public static TestTask Daisy(string name, Roi totalRoi, Roi readRoi, Roi writeRoi, BlockFit fit = BlockFit.Valid, bool readWriteConflict = true,
        Action<Block>? process = null, ExecutionOptions? execution = null)
    {
        var contextLow = writeRoi.Begin - readRoi.Begin;
        var contextHigh = readRoi.End - writeRoi.End;
        var layout = new BlockLayout(totalRoi.Grow(-contextLow, -contextHigh), writeRoi.Shape, contextLow, contextHigh, fit, readWriteConflict);
        return new TestTask(name, layout, process, execution);
    }

    public override IBlockProcessor CreateProcessor(int worker) => new Processor(process);

    public override void DropArtifacts() => DropCount++;

    public override JsonObject? ToConfig() => null;

    private sealed class Processor(Action<Block>? process) : IBlockProcessor
    {
        public void Process(Block block) => process?.Invoke(block);

        public void Dispose()
        {
        }
    }
}
