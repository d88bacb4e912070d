using Volara.Cli.Copy;

namespace Volara.Cli.Tests.Copy;

public sealed class RegionGridTests
{
    [Fact]
    public void RegionsTileTheArrayExactlyOnceAndCountEveryDestinationChunk()
    {
        long[] shape = [50, 37, 20];
        var grid = new RegionGrid(shape, writeUnit: [16, 16, 16], destinationChunk: [8, 8, 16], readUnit: [10, 10, 10], elementSize: 2);

        var covered = new int[50 * 37 * 20];
        long chunks = 0;
        for (long i = 0; i < grid.Count; i++)
        {
            CopyRegion region = grid[i];
            chunks += region.Chunks;
            for (long z = region.Start[0]; z < region.Start[0] + region.Shape[0]; z++)
            {
                for (long y = region.Start[1]; y < region.Start[1] + region.Shape[1]; y++)
                {
                    for (long x = region.Start[2]; x < region.Start[2] + region.Shape[2]; x++)
                    {
                        covered[(z * 37 + y) * 20 + x]++;
                    }
                }
            }
        }

        Assert.All(covered, count => Assert.Equal(1, count));
        Assert.Equal(7 * 5 * 2, grid.TotalChunks); // ceil(50/8) * ceil(37/8) * ceil(20/16)
        Assert.Equal(grid.TotalChunks, chunks);
    }

    [Fact]
    public void RegionsSpanWholeSourceAndDestinationChunksWhenSmall()
    {
        var grid = new RegionGrid([100, 100, 100], writeUnit: [16, 16, 16], destinationChunk: [16, 16, 16], readUnit: [24, 24, 24], elementSize: 1);

        // lcm(16, 24) = 48: each region holds whole chunks of both grids.
        Assert.Equal([48L, 48, 48], grid.RegionShape);
        Assert.Equal(27, grid.Count);
    }

    [Fact]
    public void LargeAlignedRegionsFallBackToTheDestinationWriteUnit()
    {
        var grid = new RegionGrid([1000, 1000, 1000], writeUnit: [64, 64, 64], destinationChunk: [64, 64, 64], readUnit: [100, 100, 100], elementSize: 8, maxRegionBytes: 1 << 20);

        Assert.Equal([64L, 64, 64], grid.RegionShape);
        Assert.Equal(16 * 16 * 16, grid.Count);
    }

    [Fact]
    public void RegionsNeverReachFarBeyondTheArray()
    {
        var grid = new RegionGrid([10, 10], writeUnit: [4, 4], destinationChunk: [4, 4], readUnit: [64, 64], elementSize: 4);

        Assert.Equal([12L, 12], grid.RegionShape);
        Assert.Equal(1, grid.Count);
        Assert.Equal([10L, 10], grid[0].Shape);
        Assert.Equal(9, grid[0].Chunks);
    }

    [Fact]
    public void EmptyArraysHaveNoRegions()
    {
        var grid = new RegionGrid([0, 10], writeUnit: [4, 4], destinationChunk: [4, 4], readUnit: [4, 4], elementSize: 1);

        Assert.Equal(0, grid.Count);
        Assert.Equal(0, grid.TotalChunks);
    }
}
