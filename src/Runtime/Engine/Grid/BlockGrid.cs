using Volara.Runtime.Geometry;

namespace Volara.Runtime.Engine.Grid;

/// <summary>
/// The blocks of one task, computed from its <see cref="BlockLayout"/> on demand (nothing per block is stored),
/// following daisy's enumeration: blocks are grid cells of the block size laid from the total read ROI's begin,
/// their id is the Cantor number of the cell's grid index anchored at the total read ROI, and with a
/// read/write conflict they are partitioned into levels that are run one after another.
/// </summary>
/// <remarks>
/// Cells are addressed by their per-dim index <c>k</c> (the block's offset divided by the block size) and by a
/// dense linear index (C order over the cells), which the done-store uses.
/// </remarks>
public sealed class BlockGrid
{
    private readonly long[] readBegin;
    private readonly long[] readEnd;
    private readonly long[] writeBegin;
    private readonly long[] writeEnd;
    private readonly long[] blockSize;
    private readonly long[] readShape;
    private readonly long[] contextLow;
    private readonly long[] cells;
    private readonly long[] levelSteps;
    private readonly long[][][] levelShiftTable;

    public BlockGrid(string taskName, BlockLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        TaskName = taskName;
        Layout = layout;
        Fit = layout.Fit;
        Dims = layout.BlockSize.Dims;
        Validate(taskName, layout);

        var totalRead = layout.TotalReadRoi;
        readBegin = totalRead.Begin.ToLongArray();
        readEnd = totalRead.End.ToLongArray();
        writeBegin = layout.TotalWriteRoi.Begin.ToLongArray();
        writeEnd = layout.TotalWriteRoi.End.ToLongArray();
        blockSize = layout.BlockSize.ToLongArray();
        contextLow = layout.ContextLow.ToLongArray();
        var contextHigh = layout.ContextHigh.ToLongArray();
        readShape = new long[Dims];
        cells = new long[Dims];
        levelSteps = new long[Dims];
        long count = 1;
        long levels = 1;
        for (int d = 0; d < Dims; d++)
        {
            long w = blockSize[d];
            long span = writeEnd[d] - writeBegin[d];
            readShape[d] = contextLow[d] + w + contextHigh[d];

            // Valid keeps cells lying inside the total write ROI, overhang/shrink cells beginning inside it.
            cells[d] = span <= 0 ? 0 : Fit == BlockFit.Valid ? span / w : GridMath.CeilDiv(span, w);
            count *= cells[d];

            // Level stride in cells: the next multiple of the block size reaching past the larger context,
            // clamped to the grid so no level is empty.
            long stride = layout.ReadWriteConflict ? GridMath.CeilDiv(Math.Max(contextLow[d], contextHigh[d]) + w, w) : 1;
            levelSteps[d] = Math.Max(1, Math.Min(stride, cells[d]));
            levels *= levelSteps[d];
        }

        BlockCount = count;
        LevelCount = count == 0 ? 0 : (int)levels;
        levelShiftTable = BuildLevelShifts();
    }

    public string TaskName { get; }

    public BlockLayout Layout { get; }

    public BlockFit Fit { get; }

    public int Dims { get; }

    /// <summary>Number of blocks of the task (every fit mode; zero when the total ROI holds none).</summary>
    public long BlockCount { get; }

    /// <summary>Number of conflict levels (1 without a read/write conflict, 0 when there are no blocks).</summary>
    public int LevelCount { get; }

    /// <summary>Cells per dim.</summary>
    public ReadOnlySpan<long> Cells => cells;

    /// <summary>The level stride per dim, in cells.</summary>
    public ReadOnlySpan<long> LevelSteps => levelSteps;

    public long LinearIndex(ReadOnlySpan<long> cell)
    {
        long index = 0;
        for (int d = 0; d < Dims; d++)
        {
            index = index * cells[d] + cell[d];
        }

        return index;
    }

    public void CellOf(long linearIndex, Span<long> cell)
    {
        for (int d = Dims - 1; d >= 0; d--)
        {
            cell[d] = linearIndex % cells[d];
            linearIndex /= cells[d];
        }
    }

    public bool Contains(ReadOnlySpan<long> cell)
    {
        for (int d = 0; d < Dims; d++)
        {
            if (cell[d] < 0 || cell[d] >= cells[d])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>daisy's spatial block id: the Cantor number of the grid index relative to the total read ROI.</summary>
    public ulong BlockId(ReadOnlySpan<long> cell)
    {
        Span<long> index = stackalloc long[Dims];
        for (int d = 0; d < Dims; d++)
        {
            // Truncating division, as daisy; the write ROI begins contextLow after the total read ROI.
            index[d] = (contextLow[d] + cell[d] * blockSize[d]) / blockSize[d];
        }

        return Cantor.CantorNumber(index);
    }

    public ulong BlockId(long linearIndex)
    {
        Span<long> cell = stackalloc long[Dims];
        CellOf(linearIndex, cell);
        return BlockId(cell);
    }

    /// <summary>The write ROI of a cell as the block sees it (clipped to the total write ROI under shrink).</summary>
    public void WriteBox(ReadOnlySpan<long> cell, Span<long> begin, Span<long> end)
    {
        for (int d = 0; d < Dims; d++)
        {
            begin[d] = writeBegin[d] + cell[d] * blockSize[d];
            end[d] = begin[d] + blockSize[d];
            if (Fit == BlockFit.Shrink && end[d] > writeEnd[d])
            {
                end[d] = writeEnd[d];
            }
        }
    }

    /// <summary>The read ROI of a cell as the block sees it (clipped to the total read ROI under shrink).</summary>
    public void ReadBox(ReadOnlySpan<long> cell, Span<long> begin, Span<long> end)
    {
        for (int d = 0; d < Dims; d++)
        {
            begin[d] = readBegin[d] + cell[d] * blockSize[d];
            end[d] = begin[d] + readShape[d];
            if (Fit == BlockFit.Shrink && end[d] > readEnd[d])
            {
                end[d] = readEnd[d];
            }
        }
    }

    public Block CreateBlock(ReadOnlySpan<long> cell)
    {
        Span<long> begin = stackalloc long[Dims];
        Span<long> end = stackalloc long[Dims];
        ReadBox(cell, begin, end);
        var read = ToRoi(begin, end);
        WriteBox(cell, begin, end);
        return new Block(TaskName, BlockId(cell), read, ToRoi(begin, end));
    }

    public Block CreateBlock(long linearIndex)
    {
        Span<long> cell = stackalloc long[Dims];
        CellOf(linearIndex, cell);
        return CreateBlock(cell);
    }

    /// <summary>The cell of a block of this task, from its write ROI begin (never clipped); -1 when it is not one.</summary>
    public long LinearIndexOf(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.WriteRoi.Dims != Dims)
        {
            return -1;
        }

        Span<long> cell = stackalloc long[Dims];
        for (int d = 0; d < Dims; d++)
        {
            long relative = block.WriteRoi.Begin.ValueAt(d) - writeBegin[d];
            if (relative % blockSize[d] != 0)
            {
                return -1;
            }

            cell[d] = relative / blockSize[d];
        }

        return Contains(cell) ? LinearIndex(cell) : -1;
    }

    /// <summary>The conflict level of a cell (0 is run first).</summary>
    public int LevelOf(ReadOnlySpan<long> cell)
    {
        long position = 0;
        for (int d = 0; d < Dims; d++)
        {
            position = position * levelSteps[d] + cell[d] % levelSteps[d];
        }

        // Level offsets are the product of the per-dim offsets, reversed: level 0 has the largest offsets.
        return LevelCount - 1 - (int)position;
    }

    /// <summary>Per-dim offset (in cells, within one stride) of a level.</summary>
    public void LevelOffset(int level, Span<long> offset)
    {
        long position = LevelCount - 1 - level;
        for (int d = Dims - 1; d >= 0; d--)
        {
            offset[d] = position % levelSteps[d];
            position /= levelSteps[d];
        }
    }

    /// <summary>Number of blocks on a level.</summary>
    public long LevelBlockCount(int level)
    {
        Span<long> offset = stackalloc long[Dims];
        LevelOffset(level, offset);
        long count = 1;
        for (int d = 0; d < Dims; d++)
        {
            count *= LevelCellsInDim(offset[d], d);
        }

        return count;
    }

    /// <summary>The <paramref name="ordinal"/>-th cell (C order) of a level.</summary>
    public void LevelCell(int level, long ordinal, Span<long> cell)
    {
        Span<long> offset = stackalloc long[Dims];
        LevelOffset(level, offset);
        for (int d = Dims - 1; d >= 0; d--)
        {
            long n = LevelCellsInDim(offset[d], d);
            cell[d] = offset[d] + ordinal % n * levelSteps[d];
            ordinal /= n;
        }
    }

    /// <summary>Number of intra-task upstream cells of a cell (blocks of the previous level it conflicts with).</summary>
    public int CountUpstream(ReadOnlySpan<long> cell)
    {
        int level = LevelOf(cell);
        if (level == 0)
        {
            return 0;
        }

        int count = 0;
        Span<long> neighbour = stackalloc long[Dims];
        foreach (var shift in EnumerateShifts(level))
        {
            if (Shifted(cell, shift, +1, neighbour))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Intra-task upstream cells (linear indices) of a cell.</summary>
    public void AddUpstream(ReadOnlySpan<long> cell, List<long> linearIndices)
    {
        int level = LevelOf(cell);
        if (level == 0)
        {
            return;
        }

        Span<long> neighbour = stackalloc long[Dims];
        foreach (var shift in EnumerateShifts(level))
        {
            if (Shifted(cell, shift, +1, neighbour))
            {
                linearIndices.Add(LinearIndex(neighbour));
            }
        }
    }

    /// <summary>Intra-task downstream cells (linear indices) of a cell: the blocks of the next level waiting for it.</summary>
    public void AddDownstream(ReadOnlySpan<long> cell, List<long> linearIndices)
    {
        int level = LevelOf(cell);
        if (level + 1 >= LevelCount)
        {
            return;
        }

        Span<long> neighbour = stackalloc long[Dims];
        foreach (var shift in EnumerateShifts(level + 1))
        {
            if (Shifted(cell, shift, -1, neighbour))
            {
                linearIndices.Add(LinearIndex(neighbour));
            }
        }
    }

    /// <summary>
    /// Blocks whose write ROI (as the block sees it) overlaps the box: the upstream blocks of a downstream
    /// block reading that box.
    /// </summary>
    public void AddWriteOverlapping(ReadOnlySpan<long> begin, ReadOnlySpan<long> end, List<long> linearIndices) =>
        VisitCandidates(begin, end, begin, end, write: true, linearIndices);

    /// <summary>Number of blocks whose write ROI overlaps the box.</summary>
    public int CountWriteOverlapping(ReadOnlySpan<long> begin, ReadOnlySpan<long> end) =>
        VisitCandidates(begin, end, begin, end, write: true, null);

    /// <summary>Blocks whose read ROI (as the block sees it) overlaps the box: the downstream blocks of a block writing it.</summary>
    public void AddReadOverlapping(ReadOnlySpan<long> begin, ReadOnlySpan<long> end, List<long> linearIndices)
    {
        // A cell's read ROI reaches contextLow below and contextHigh above its write cell.
        Span<long> searchBegin = stackalloc long[Dims];
        Span<long> searchEnd = stackalloc long[Dims];
        for (int d = 0; d < Dims; d++)
        {
            long context = readShape[d] - blockSize[d];
            searchBegin[d] = begin[d] - context;
            searchEnd[d] = end[d] + context;
        }

        VisitCandidates(searchBegin, searchEnd, begin, end, write: false, linearIndices);
    }

    /// <summary>The box spanned by the write ROIs of all blocks (empty when there are none).</summary>
    public void WriteCoverage(Span<long> begin, Span<long> end) => Coverage(write: true, begin, end);

    /// <summary>The box spanned by the read ROIs of all blocks (empty when there are none).</summary>
    public void ReadCoverage(Span<long> begin, Span<long> end) => Coverage(write: false, begin, end);

    /// <summary>Blocks whose write cell overlaps <paramref name="roi"/> (daisy's <c>get_subgraph_blocks</c>).</summary>
    public IReadOnlyList<Block> BlocksWritingInto(Roi roi) => Collect(roi, write: true);

    /// <summary>Blocks whose read ROI overlaps <paramref name="roi"/> (daisy's <c>get_subgraph_blocks(read_roi=True)</c>).</summary>
    public IReadOnlyList<Block> BlocksReadingFrom(Roi roi) => Collect(roi, write: false);

    /// <summary>Every block, level by level (the order the scheduler hands out roots in).</summary>
    public IEnumerable<Block> EnumerateBlocks()
    {
        for (int level = 0; level < LevelCount; level++)
        {
            foreach (var block in EnumerateLevel(level))
            {
                yield return block;
            }
        }
    }

    public IEnumerable<Block> EnumerateLevel(int level)
    {
        long count = LevelBlockCount(level);
        var cell = new long[Dims];
        for (long i = 0; i < count; i++)
        {
            LevelCell(level, i, cell);
            yield return CreateBlock(cell);
        }
    }

    public override string ToString() =>
        $"{TaskName}: {BlockCount} blocks in [{string.Join(", ", cells)}] cells, {LevelCount} levels";

    private IReadOnlyList<Block> Collect(Roi roi, bool write)
    {
        var begin = roi.Begin.ToLongArray();
        var end = roi.End.ToLongArray();
        var found = new List<long>();
        if (write)
        {
            AddWriteOverlapping(begin, end, found);
        }
        else
        {
            AddReadOverlapping(begin, end, found);
        }

        var blocks = new List<Block>(found.Count);
        foreach (var index in found)
        {
            blocks.Add(CreateBlock(index));
        }

        blocks.Sort((a, b) => a.Id.CompareTo(b.Id));
        return blocks;
    }

    // Candidate cells are those whose write cell overlaps the search box; each is then kept only when its
    // (possibly clipped) write or read ROI really overlaps the target box, so upstream and downstream
    // relations between tasks are exact mirrors of each other.
    private int VisitCandidates(
        ReadOnlySpan<long> searchBegin, ReadOnlySpan<long> searchEnd, ReadOnlySpan<long> targetBegin, ReadOnlySpan<long> targetEnd, bool write, List<long>? found)
    {
        if (BlockCount == 0)
        {
            return 0;
        }

        Span<long> lo = stackalloc long[Dims];
        Span<long> hi = stackalloc long[Dims];
        for (int d = 0; d < Dims; d++)
        {
            lo[d] = Math.Max(0, GridMath.FloorDiv(searchBegin[d] - writeBegin[d], blockSize[d]));
            hi[d] = Math.Min(cells[d], GridMath.CeilDiv(searchEnd[d] - writeBegin[d], blockSize[d]));
        }

        if (GridMath.IsEmptyBox(lo, hi))
        {
            return 0;
        }

        Span<long> cell = stackalloc long[Dims];
        Span<long> begin = stackalloc long[Dims];
        Span<long> end = stackalloc long[Dims];
        lo.CopyTo(cell);
        int count = 0;
        do
        {
            if (write)
            {
                WriteBox(cell, begin, end);
            }
            else
            {
                ReadBox(cell, begin, end);
            }

            if (GridMath.Overlaps(begin, end, targetBegin, targetEnd))
            {
                count++;
                found?.Add(LinearIndex(cell));
            }
        }
        while (GridMath.Next(cell, lo, hi));

        return count;
    }

    private void Coverage(bool write, Span<long> begin, Span<long> end)
    {
        Span<long> first = stackalloc long[Dims];
        Span<long> last = stackalloc long[Dims];
        Span<long> lastBegin = stackalloc long[Dims];
        for (int d = 0; d < Dims; d++)
        {
            last[d] = Math.Max(0, cells[d] - 1);
        }

        if (write)
        {
            WriteBox(first, begin, end);
            WriteBox(last, lastBegin, end);
        }
        else
        {
            ReadBox(first, begin, end);
            ReadBox(last, lastBegin, end);
        }

        if (BlockCount == 0)
        {
            end.Clear();
            begin.Clear();
        }
    }

    private long LevelCellsInDim(long offset, int d) =>
        cells[d] > offset ? (cells[d] - offset + levelSteps[d] - 1) / levelSteps[d] : 0;

    private bool Shifted(ReadOnlySpan<long> cell, long[] shift, int sign, Span<long> neighbour)
    {
        for (int d = 0; d < Dims; d++)
        {
            neighbour[d] = cell[d] + sign * shift[d];
        }

        return Contains(neighbour);
    }

    private ReadOnlySpan<long[]> EnumerateShifts(int level) => levelShiftTable[level];

    // For level k ≥ 1 the shifts (in cells) from a block to the blocks of level k−1 it conflicts with:
    // per dim δ = offset(k−1) − offset(k) gives {δ, δ+L} if δ<0, {0} if δ=0, {δ−L, δ} if δ>0.
    private long[][][] BuildLevelShifts()
    {
        var table = new long[Math.Max(LevelCount, 1)][][];
        table[0] = [];
        Span<long> previous = stackalloc long[Dims];
        Span<long> current = stackalloc long[Dims];
        for (int level = 1; level < LevelCount; level++)
        {
            LevelOffset(level - 1, previous);
            LevelOffset(level, current);
            var options = new long[Dims][];
            for (int d = 0; d < Dims; d++)
            {
                long delta = previous[d] - current[d];
                long stride = levelSteps[d];
                options[d] = delta < 0 ? [delta, delta + stride] : delta == 0 ? [0] : [delta - stride, delta];
            }

            var shifts = new List<long[]>();
            var choice = new long[Dims];
            var limits = new long[Dims];
            for (int d = 0; d < Dims; d++)
            {
                limits[d] = options[d].Length;
            }

            do
            {
                var shift = new long[Dims];
                for (int d = 0; d < Dims; d++)
                {
                    shift[d] = options[d][choice[d]];
                }

                shifts.Add(shift);
            }
            while (GridMath.Next(choice, new long[Dims], limits));

            table[level] = [.. shifts];
        }

        return table;
    }

    private static Roi ToRoi(ReadOnlySpan<long> begin, ReadOnlySpan<long> end)
    {
        Span<long> shape = stackalloc long[begin.Length];
        for (int d = 0; d < begin.Length; d++)
        {
            shape[d] = end[d] - begin[d];
        }

        return new Roi(new Coordinate(begin), new Coordinate(shape));
    }

    private static void Validate(string taskName, BlockLayout layout)
    {
        int dims = layout.BlockSize.Dims;
        if (dims == 0)
        {
            throw new ArgumentException($"task '{taskName}': block size must have at least one dimension");
        }

        if (layout.TotalWriteRoi.Dims != dims || layout.ContextLow.Dims != dims || layout.ContextHigh.Dims != dims)
        {
            throw new ArgumentException(
                $"task '{taskName}': total write ROI {layout.TotalWriteRoi}, block size {layout.BlockSize} and context {layout.ContextLow}/{layout.ContextHigh} differ in dims");
        }

        if (layout.TotalWriteRoi.Unbounded || layout.BlockSize.HasUnbounded || layout.ContextLow.HasUnbounded || layout.ContextHigh.HasUnbounded)
        {
            throw new ArgumentException($"task '{taskName}': block layout must be bounded (total write ROI {layout.TotalWriteRoi}, block size {layout.BlockSize})");
        }

        for (int d = 0; d < dims; d++)
        {
            if (layout.BlockSize.ValueAt(d) <= 0)
            {
                throw new ArgumentException($"task '{taskName}': block size {layout.BlockSize} must be positive in every dim");
            }

            if (layout.ContextLow.ValueAt(d) < 0 || layout.ContextHigh.ValueAt(d) < 0)
            {
                throw new ArgumentException($"task '{taskName}': context {layout.ContextLow}/{layout.ContextHigh} must not be negative");
            }
        }
    }
}
