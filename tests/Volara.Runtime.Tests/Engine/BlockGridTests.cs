using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Grid;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

public sealed class BlockGridTests
{
    private static BlockGrid Grid(TestTask task) => new(task.Name, task.Layout);

    private static ulong[][] LevelIds(BlockGrid grid) =>
        [.. Enumerable.Range(0, grid.LevelCount).Select(l => grid.EnumerateLevel(l).Select(b => b.Id).ToArray())];

    [Fact]
    public void TwoDimensionalLevelsMatchDaisy()
    {
        var grid = Grid(TestTask.Daisy("t", R2(0, 0, 6, 6), R2(0, 0, 3, 3), R2(1, 1, 1, 1)));
        Assert.Equal(16, grid.BlockCount);
        var levels = LevelIds(grid);
        Assert.Equal([12, 23, 25, 40], levels[0]);
        Assert.Equal([8, 17, 19, 32], levels[1]);
        Assert.Equal([7, 16, 18, 31], levels[2]);
        Assert.Equal([4, 11, 13, 24], levels[3]);
    }

    [Theory]
    [InlineData(8, new ulong[] { 12 })]
    [InlineData(17, new ulong[] { 12, 23 })]
    [InlineData(18, new ulong[] { 8, 17, 19, 32 })]
    [InlineData(24, new ulong[] { 18, 31 })]
    public void TwoDimensionalUpstreamMatchesDaisy(ulong id, ulong[] expected)
    {
        var grid = Grid(TestTask.Daisy("t", R2(0, 0, 6, 6), R2(0, 0, 3, 3), R2(1, 1, 1, 1)));
        Assert.Equal(expected, UpstreamIds(grid, id));
    }

    [Fact]
    public void DownstreamMirrorsUpstream()
    {
        var grid = Grid(TestTask.Daisy("t", R(0, 100), R(0, 7), R(1, 5), BlockFit.Shrink));
        var cell = new long[1];
        for (long i = 0; i < grid.BlockCount; i++)
        {
            grid.CellOf(i, cell);
            var down = new List<long>();
            grid.AddDownstream(cell, down);
            foreach (var d in down)
            {
                var dCell = new long[1];
                grid.CellOf(d, dCell);
                var up = new List<long>();
                grid.AddUpstream(dCell, up);
                Assert.Contains(i, up);
            }
        }
    }

    [Fact]
    public void OneDimensionalLevelsMatchDaisy()
    {
        var grid = Grid(TestTask.Daisy("t", R(0, 12), R(0, 5), R(2, 1)));
        Assert.Equal(8, grid.BlockCount);
        var levels = LevelIds(grid);
        Assert.Equal(3, levels.Length);
        Assert.Equal([4, 7], levels[0]);
        Assert.Equal([3, 6, 9], levels[1]);
        Assert.Equal([2, 5, 8], levels[2]);
        Assert.Equal([4, 7], UpstreamIds(grid, 6));
    }

    [Theory]
    [InlineData(BlockFit.Valid)]
    [InlineData(BlockFit.Overhang)]
    [InlineData(BlockFit.Shrink)]
    public void WriteOfOneCountsEightBlocksInEveryFit(BlockFit fit)
    {
        Assert.Equal(8, Grid(TestTask.Daisy("t", R(0, 12), R(0, 5), R(2, 1), fit)).BlockCount);
    }

    [Fact]
    public void WriteOfThreeDependsOnFit()
    {
        var valid = Grid(TestTask.Daisy("t", R(0, 12), R(0, 5), R(1, 3), BlockFit.Valid));
        Assert.Equal(3, valid.BlockCount);
        Assert.Equal([[1], [0, 2]], LevelIds(valid));

        var overhang = Grid(TestTask.Daisy("t", R(0, 12), R(0, 5), R(1, 3), BlockFit.Overhang));
        Assert.Equal(4, overhang.BlockCount);
        Assert.Equal([[1, 3], [0, 2]], LevelIds(overhang));

        var shrink = Grid(TestTask.Daisy("t", R(0, 12), R(0, 5), R(1, 3), BlockFit.Shrink));
        var last = shrink.EnumerateLevel(0).Single(b => b.Id == 3);
        Assert.Equal(R(9, 3), last.ReadRoi);
        Assert.Equal(R(10, 1), last.WriteRoi);
        var overhangLast = overhang.EnumerateLevel(0).Single(b => b.Id == 3);
        Assert.Equal(R(9, 5), overhangLast.ReadRoi);
    }

    [Theory]
    [InlineData(BlockFit.Valid, 19, 92, 97, 90, 99)]
    [InlineData(BlockFit.Overhang, 20, 97, 102, 95, 104)]
    [InlineData(BlockFit.Shrink, 20, 97, 98, 95, 100)]
    public void TutorialFitExample(BlockFit fit, int count, long writeBegin, long writeEnd, long readBegin, long readEnd)
    {
        var grid = Grid(TestTask.Daisy("t", R(0, 100), R(0, 9), R(2, 5), fit, readWriteConflict: false));
        Assert.Equal(count, grid.BlockCount);
        var last = grid.CreateBlock(grid.BlockCount - 1);
        Assert.Equal(R(writeBegin, writeEnd - writeBegin), last.WriteRoi);
        Assert.Equal(R(readBegin, readEnd - readBegin), last.ReadRoi);
    }

    [Theory]
    [InlineData(10, 64, 8)]
    [InlineData(20, 729, 64)]
    [InlineData(30, 2744, 343)]
    public void BenchmarkCountsMatchDaisy(long total, long blocks, long roots)
    {
        var grid = Grid(TestTask.Daisy("t", R3(0, total), R3(0, 4), R3(1, 2)));
        Assert.Equal(blocks, grid.BlockCount);
        Assert.Equal(8, grid.LevelCount);
        Assert.Equal(roots, grid.LevelBlockCount(0));
        Assert.Equal([2L, 2, 2], grid.LevelSteps.ToArray());
        Assert.Equal(blocks, Enumerable.Range(0, grid.LevelCount).Sum(l => grid.LevelBlockCount(l)));
    }

    [Fact]
    public void SubgraphBlocksMatchDaisy()
    {
        var grid = Grid(TestTask.Daisy("t", R2(0, 0, 16, 16), R2(0, 0, 4, 4), R2(1, 1, 2, 2)));
        var blocks = grid.BlocksWritingInto(R2(6, 6, 3, 3));
        var offsets = blocks.Select(b => (b.ReadRoi.Offset.ValueAt(0), b.ReadRoi.Offset.ValueAt(1))).OrderBy(o => o).ToArray();
        Assert.Equal([(4L, 4L), (4L, 6L), (6L, 4L), (6L, 6L)], offsets);
    }

    [Fact]
    public void BlockIdsStartAtTheContextOffset()
    {
        var grid = Grid(TestTask.Daisy("t", R(0, 12), R(0, 5), R(2, 1), readWriteConflict: false));
        Assert.Equal(Enumerable.Range(2, 8).Select(i => (ulong)i), grid.EnumerateBlocks().Select(b => b.Id));
        Assert.Equal("t/2 with read ROI [0:5] (5) and write ROI [2:3] (1)", grid.CreateBlock(0).ToString());
    }

    [Fact]
    public void TooSmallTotalRoiHasNoValidBlocksAndOneShrunkBlock()
    {
        Assert.Equal(0, Grid(TestTask.Daisy("t", R2(0, 0, 3, 3), R2(0, 0, 9, 9), R2(4, 4, 1, 1))).BlockCount);
        var zero = new Volara.Runtime.Geometry.Coordinate(0, 0);
        var layout = new BlockLayout(R2(0, 0, 5, 5), new Volara.Runtime.Geometry.Coordinate(10, 10), zero, zero, BlockFit.Shrink, ReadWriteConflict: true);
        var shrink = Grid(new TestTask("t", layout));
        Assert.Equal(1, shrink.BlockCount);
        Assert.Equal(R2(0, 0, 5, 5), shrink.CreateBlock(0).WriteRoi);
    }

    private static ulong[] UpstreamIds(BlockGrid grid, ulong id)
    {
        var cell = new long[grid.Dims];
        for (long i = 0; i < grid.BlockCount; i++)
        {
            grid.CellOf(i, cell);
            if (grid.BlockId(cell) == id)
            {
                var up = new List<long>();
                grid.AddUpstream(cell, up);
                return [.. up.Select(grid.BlockId).Order()];
            }
        }

        throw new InvalidOperationException($"no block {id}");
    }
}
