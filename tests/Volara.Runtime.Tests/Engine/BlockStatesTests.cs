using Volara.Runtime.Engine.Scheduling;
using Xunit;

namespace Volara.Runtime.Tests.Engine;

public sealed class BlockStatesTests
{
    [Fact]
    public void AGridBeyondAnArraysLengthStartsUntouchedWithoutPerBlockMemory()
    {
        var states = new BlockStates(1L << 33);
        Assert.Equal(BlockState.Untouched, states[0]);
        Assert.Equal(BlockState.Untouched, states[(1L << 33) - 1]);
        Assert.Equal(0, states.DetailedChunks);
    }

    [Fact]
    public void SingleBlocksKeepTheirStateBesideUniformNeighbours()
    {
        var states = new BlockStates(200_000);
        states[70_000] = BlockState.Processing;
        states[70_001] = BlockState.Ready;
        Assert.Equal(BlockState.Processing, states[70_000]);
        Assert.Equal(BlockState.Ready, states[70_001]);
        Assert.Equal(BlockState.Untouched, states[69_999]);
        Assert.Equal(BlockState.Untouched, states[199_999]);
        Assert.Equal(1, states.DetailedChunks);
    }

    [Fact]
    public void AChunkWhoseBlocksAllCompletedIsDroppedAgain()
    {
        const int chunk = 1 << 16;
        var states = new BlockStates(3L * chunk + 5);
        for (long i = chunk; i < 2 * chunk; i++)
        {
            states[i] = BlockState.Processing;
            states[i] = BlockState.Completed;
        }

        Assert.Equal(0, states.DetailedChunks);
        Assert.Equal(BlockState.Completed, states[chunk]);
        Assert.Equal(BlockState.Completed, states[(2 * chunk) - 1]);
        Assert.Equal(BlockState.Untouched, states[(2 * chunk) + 1]);

        // A completed block turned back (not something the scheduler does) details the chunk again.
        states[chunk + 3] = BlockState.Ready;
        Assert.Equal(1, states.DetailedChunks);
        Assert.Equal(BlockState.Completed, states[chunk + 2]);
        Assert.Equal(BlockState.Ready, states[chunk + 3]);
    }

    [Fact]
    public void FillSetsExactlyTheRangeAndCoversWholeChunksWithoutDetail()
    {
        const int chunk = 1 << 16;
        long count = (5L * chunk) + 17;
        var states = new BlockStates(count);
        states[10] = BlockState.Processing;
        long begin = 100, end = (4L * chunk) + 3;
        states.Fill(begin, end, BlockState.Completed);

        // Only the chunks at both ends of the range are held block by block.
        Assert.Equal(2, states.DetailedChunks);
        foreach (long i in new[] { 0L, 10, 99, 100, chunk, (3L * chunk) + 7, end - 1, end, count - 1 })
        {
            var expected = i >= begin && i < end ? BlockState.Completed : i == 10 ? BlockState.Processing : BlockState.Untouched;
            Assert.Equal(expected, states[i]);
        }

        states.Fill(0, count, BlockState.Completed);
        Assert.Equal(0, states.DetailedChunks);
        Assert.Equal(BlockState.Completed, states[count - 1]);
    }
}
