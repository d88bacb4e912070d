namespace Volara.Runtime.Engine;

/// <summary>
/// A processor whose blocks pass through three stages — read the inputs, compute, write the outputs — each with the
/// buffers of one of <see cref="Execution.BlockPipeline.Slots"/> slots, so that a worker can read the next block and write the
/// previous one while this one computes (<see cref="Execution.BlockPipeline"/>). Its <see cref="IBlockProcessor.Process"/>
/// runs the three stages of one block in slot 0, one after another.
/// </summary>
/// <remarks>
/// The stages of one block run in order; reading and writing may run on other threads than computing, and one block's
/// read may run while another block's write does, each in its own slot. An exception from any stage fails that block.
/// </remarks>
public interface IStagedBlockProcessor : IBlockProcessor
{
    /// <summary>Reads the inputs of <paramref name="block"/> into the buffers of <paramref name="slot"/>.</summary>
    void Read(Block block, int slot);

    /// <summary>Computes <paramref name="block"/> from the inputs in <paramref name="slot"/> into its output buffers.</summary>
    void Compute(Block block, int slot);

    /// <summary>Writes the outputs of <paramref name="block"/> from <paramref name="slot"/> to their arrays.</summary>
    void Write(Block block, int slot);

    void IBlockProcessor.Process(Block block)
    {
        Read(block, 0);
        Compute(block, 0);
        Write(block, 0);
    }
}
