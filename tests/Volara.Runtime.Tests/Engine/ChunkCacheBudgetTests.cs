using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;
using Volara.Runtime.Tests.Tasks;
using Xunit;

namespace Volara.Runtime.Tests.Engine;

public sealed class ChunkCacheBudgetTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ATaskWithContextNeedsTheChunksItsReadRegionTouches()
    {
        // Affinities [6, 10, 24, 24] in chunks [6, 5, 12, 12] (4,320 B): a read region of 7×18×18 voxels can touch
        // 2×2×2 chunks plus a layer along x, but the array has only 2×2×2.
        var scene = new SegmentationScene(temp, 1);
        Assert.Equal(8 * 4320, ChunkCacheBudget.Needed(Extract(scene, new Coordinate(1, 3, 3))));
        Assert.Equal(0, ChunkCacheBudget.Needed(Extract(scene, new Coordinate(0, 0, 0))));
    }

    [Fact]
    public void ATaskKeepsChunksOnlyWhenChunkCacheMbAllowsWhatItNeeds()
    {
        var scene = new SegmentationScene(temp, 1);
        var context = new Coordinate(1, 3, 3);
        Assert.Equal(0, ChunkCacheBudget.Of(Extract(scene, context)));
        Assert.Equal(0, ChunkCacheBudget.Of(Extract(scene, context, new ExecutionOptions { ChunkCacheMb = 0 })));
        Assert.Equal(8 * 4320, ChunkCacheBudget.Of(Extract(scene, context, new ExecutionOptions { ChunkCacheMb = 1 })));
        Assert.Equal(2 * 8 * 4320, ChunkCacheBudget.MemoryBytes(Extract(scene, context, new ExecutionOptions { ChunkCacheMb = 1 })));
        Assert.Contains(new ExecutionOptions { ChunkCacheMb = -1 }.Problems(), p => p.Field == "chunk_cache_mb");
    }

    private ExtractFrags Extract(SegmentationScene scene, Coordinate context, ExecutionOptions? execution = null) => new()
    {
        Db = new SqliteGraphConfig { Path = temp.Combine("graph.sqlite") },
        AffsData = scene.Affs,
        FragsData = scene.Frags,
        BlockSize = new Coordinate(5, 12, 12),
        Context = context,
        Bias = SegmentationScene.Bias,
        Execution = execution ?? new ExecutionOptions(),
    };
}
