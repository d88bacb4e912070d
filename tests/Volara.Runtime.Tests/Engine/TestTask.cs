using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Engine;

/// <summary>
/// A task built from daisy-style arguments (total read ROI, block read and write ROIs) whose blocks run a delegate;
/// with <see cref="Stages"/> its processor is staged, the delegate its compute stage.
/// </summary>
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

    /// <summary>The read and write stages of a staged processor; null runs blocks in one piece.</summary>
    public (Action<Block> Read, Action<Block> Write)? Stages { get; init; }

    /// <summary>daisy's constructor: total ROI is the total read ROI, read/write are the block templates.</summary>
    public static TestTask Daisy(string name, Roi totalRoi, Roi readRoi, Roi writeRoi, BlockFit fit = BlockFit.Valid, bool readWriteConflict = true,
        Action<Block>? process = null, ExecutionOptions? execution = null, (Action<Block> Read, Action<Block> Write)? stages = null)
    {
        var contextLow = writeRoi.Begin - readRoi.Begin;
        var contextHigh = readRoi.End - writeRoi.End;
        var layout = new BlockLayout(totalRoi.Grow(-contextLow, -contextHigh), writeRoi.Shape, contextLow, contextHigh, fit, readWriteConflict);
        return new TestTask(name, layout, process, execution) { Stages = stages };
    }

    public override IBlockProcessor CreateProcessor(int worker) =>
        Stages is { } stages ? new StagedProcessor(stages.Read, process, stages.Write) : new Processor(process);

    public override void DropArtifacts() => DropCount++;

    public override JsonObject? ToConfig() => null;

    private sealed class StagedProcessor(Action<Block> read, Action<Block>? compute, Action<Block> write) : IStagedBlockProcessor
    {
        public void Read(Block block, int slot) => read(block);

        public void Compute(Block block, int slot) => compute?.Invoke(block);

        public void Write(Block block, int slot) => write(block);

        public void Dispose()
        {
        }
    }

    private sealed class Processor(Action<Block>? process) : IBlockProcessor
    {
        public void Process(Block block) => process?.Invoke(block);

        public void Dispose()
        {
        }
    }
}
