namespace Volara.Runtime.Engine.Execution;

/// <summary>
/// Runs the blocks of one worker's <see cref="IStagedBlockProcessor"/> so that their stages overlap: while block k
/// computes on the calling thread, block k+1 is read and block k−1 written in the background. A block is finished —
/// and only then reported — once its outputs are written, so a killed worker never leaves a block marked done whose
/// outputs are missing.
/// </summary>
/// <remarks>
/// Block i uses slot i mod <see cref="Slots"/>: the slot a read starts in was last used by the block whose write ended
/// before the previous compute did. Writes run one at a time, in order. Reading and writing are processor work on the
/// same cores as computing, so the overlap pays where computing leaves cores idle (a model on a GPU, a kernel with few
/// threads), and every slot's buffers count in the worker's memory.
/// </remarks>
public sealed class BlockPipeline(IStagedBlockProcessor processor)
{
    /// <summary>Blocks in flight at once: one being read, one computing, one being written.</summary>
    public const int Slots = 3;

    private (Block Block, int Slot, Task Read)? handedOver;
    private (Block Block, Task Write)? writing;
    private long blocksHandedOver;

    /// <summary>True while a block handed over has not finished.</summary>
    public bool Busy => handedOver is not null || writing is not null;

    /// <summary>
    /// Hands over the next block, whose read starts in the background; then computes the block handed over before it
    /// (if any) and starts its write. Adds the blocks finished meanwhile to <paramref name="finished"/>, in order.
    /// </summary>
    public void Submit(Block block, List<BlockOutcome> finished)
    {
        int slot = (int)(blocksHandedOver++ % Slots);
        var read = Task.Run(() => processor.Read(block, slot));
        var previous = handedOver;
        handedOver = (block, slot, read);
        if (previous is { } ready)
        {
            Advance(ready, finished);
        }
    }

    /// <summary>Computes and writes every block handed over; returns once all have finished.</summary>
    public void Drain(List<BlockOutcome> finished)
    {
        if (handedOver is { } last)
        {
            handedOver = null;
            Advance(last, finished);
        }

        FinishWrite(finished);
    }

    /// <summary>
    /// Waits for the read and the write running in the background and forgets every block handed over, computing
    /// nothing more: for a worker that stops without reporting (its driver is gone, so its blocks go to others), before
    /// its processor and the buffers those stages use are disposed.
    /// </summary>
    public void Abandon()
    {
        if (handedOver is { } held)
        {
            Wait(held.Read);
        }

        if (writing is { } write)
        {
            Wait(write.Write);
        }

        handedOver = null;
        writing = null;
    }

    private void Advance((Block Block, int Slot, Task Read) ready, List<BlockOutcome> finished)
    {
        Exception? error = Wait(ready.Read);
        if (error is null)
        {
            try
            {
                processor.Compute(ready.Block, ready.Slot);
            }
            catch (Exception computeError)
            {
                error = computeError;
            }
        }

        // The previous block's write ends before this one's starts: writes stay in order and its slot is free for the
        // next read.
        FinishWrite(finished);
        if (error is not null)
        {
            finished.Add(new BlockOutcome(ready.Block, error));
            return;
        }

        var (block, slot) = (ready.Block, ready.Slot);
        writing = (block, Task.Run(() => processor.Write(block, slot)));
    }

    private void FinishWrite(List<BlockOutcome> finished)
    {
        if (writing is { } write)
        {
            writing = null;
            finished.Add(new BlockOutcome(write.Block, Wait(write.Write)));
        }
    }

    private static Exception? Wait(Task stage)
    {
        try
        {
            stage.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception error)
        {
            return error;
        }
    }
}
