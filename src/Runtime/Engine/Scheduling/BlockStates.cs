namespace Volara.Runtime.Engine.Scheduling;

/// <summary>
/// The scheduler's state byte per block, stored in chunks that exist only while their blocks differ: a chunk whose
/// blocks all share one state (none looked at yet, or all completed) is a single value. Memory follows the blocks
/// in flight rather than the grid, so billions of blocks — a resumed run of done blocks, or a run handing its
/// blocks out in order — cost kilobytes, not a byte each, and grids beyond an array's length work.
/// </summary>
internal sealed class BlockStates
{
    private const int ChunkShift = 16;
    private const int ChunkLength = 1 << ChunkShift;

    private readonly BlockState[]?[] chunks;
    private readonly BlockState[] uniform;
    private readonly int[] completed;

    public BlockStates(long count)
    {
        Count = count;
        long chunkCount = (count + ChunkLength - 1) >> ChunkShift;
        chunks = new BlockState[chunkCount][];
        uniform = new BlockState[chunkCount];
        completed = new int[chunkCount];
    }

    public long Count { get; }

    /// <summary>Chunks held block by block; the memory taken is about this many times 64 KiB.</summary>
    public int DetailedChunks => chunks.Count(chunk => chunk is not null);

    public BlockState this[long index]
    {
        get
        {
            int chunk = (int)(index >> ChunkShift);
            return chunks[chunk] is { } states ? states[(int)(index & (ChunkLength - 1))] : uniform[chunk];
        }

        set
        {
            int chunk = (int)(index >> ChunkShift);
            var states = chunks[chunk];
            if (states is null)
            {
                if (uniform[chunk] == value)
                {
                    return;
                }

                states = Detail(chunk);
            }

            int offset = (int)(index & (ChunkLength - 1));
            if (states[offset] == BlockState.Completed)
            {
                completed[chunk]--;
            }

            states[offset] = value;
            if (value == BlockState.Completed && ++completed[chunk] == states.Length)
            {
                MakeUniform(chunk, BlockState.Completed);
            }
        }
    }

    /// <summary>Sets the blocks <paramref name="begin"/> (inclusive) to <paramref name="end"/> (exclusive) to one state.</summary>
    public void Fill(long begin, long end, BlockState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(begin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Count);
        long index = begin;
        while (index < end)
        {
            int chunk = (int)(index >> ChunkShift);
            long chunkBegin = (long)chunk << ChunkShift;
            long chunkEnd = Math.Min(chunkBegin + ChunkLength, Count);
            long stop = Math.Min(end, chunkEnd);
            if (index == chunkBegin && stop == chunkEnd)
            {
                MakeUniform(chunk, state);
                index = stop;
                continue;
            }

            for (; index < stop; index++)
            {
                this[index] = state;
            }
        }
    }

    private BlockState[] Detail(int chunk)
    {
        long chunkBegin = (long)chunk << ChunkShift;
        var states = new BlockState[(int)Math.Min(ChunkLength, Count - chunkBegin)];
        if (uniform[chunk] != default)
        {
            Array.Fill(states, uniform[chunk]);
        }

        completed[chunk] = uniform[chunk] == BlockState.Completed ? states.Length : 0;
        chunks[chunk] = states;
        return states;
    }

    private void MakeUniform(int chunk, BlockState state)
    {
        chunks[chunk] = null;
        uniform[chunk] = state;
        completed[chunk] = 0;
    }
}
