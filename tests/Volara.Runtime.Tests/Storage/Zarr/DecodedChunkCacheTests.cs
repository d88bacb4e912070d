using System.Runtime.InteropServices;
using Volara.Runtime.Engine;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Storage.Zarr;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DecodedChunkCacheCollection
{
    /// <summary>The cache is one per process: its tests run while no other test reads arrays.</summary>
    public const string Name = "decoded chunk cache";
}

[Collection(DecodedChunkCacheCollection.Name)]
public sealed class DecodedChunkCacheTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public DecodedChunkCacheTests()
    {
        Assert.True(ChunkFileIdentity.Supported, "the cache needs Linux, where the tests run");
        DecodedChunkCache.Clear();
    }

    public void Dispose()
    {
        DecodedChunkCache.SetCapacity(0);
        temp.Dispose();
    }

    [Fact]
    public void RegionsReadThroughTheCacheEqualRegionsDecodedEachTime()
    {
        long[] shape = [13, 17, 19];
        var array = Blosc(shape, [4, 5, 6]);
        var data = TestElements.Random(DataType.UInt16, TestElements.Count(shape), 3);
        array.Write([0, 0, 0], shape, data);

        var random = new Random(5);
        var regions = Enumerable.Range(0, 60).Select(_ =>
        {
            long[] start = [.. shape.Select(s => (long)random.Next(-3, (int)s))];
            long[] extent = [.. shape.Select(s => (long)random.Next(1, (int)s + 2))];
            return (start, extent);
        }).ToList();

        var expected = regions.Select(r => ReadRegion(array, r.start, r.extent)).ToList();
        DecodedChunkCache.SetCapacity(64 << 20);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < regions.Count; i++)
            {
                Assert.Equal(expected[i], ReadRegion(array, regions[i].start, regions[i].extent));
            }
        }

        Assert.True(DecodedChunkCache.Counts.Hits > 0, "the second pass is served from the cache");
    }

    [Fact]
    public void AChunkRewrittenByAnotherWriterIsDecodedAgain()
    {
        long[] shape = [8, 8];
        var array = Blosc(shape, [4, 4]);
        array.Write([0, 0], shape, Filled(64, 1));
        DecodedChunkCache.SetCapacity(1 << 20);
        Assert.Equal(Filled(4, 1), ReadRegion(array, [3, 3], [2, 2]));
        Assert.True(DecodedChunkCache.HeldBytes > 0);

        // Another handle on the array (as another process would be) replaces the chunks under the kept ones.
        var other = ZarrArray.Open(array.Path, writable: true);
        other.Write([0, 0], shape, Filled(64, 2));
        Assert.Equal(Filled(4, 2), ReadRegion(array, [3, 3], [2, 2]));

        // A chunk that became all fill value is removed: the fill value, not the kept chunk.
        other.Write([0, 0], [4, 4], Filled(16, 0));
        Assert.Equal(Filled(1, 0), ReadRegion(array, [3, 3], [1, 1]));
    }

    [Fact]
    public void WhatIsKeptStaysWithinTheCapacity()
    {
        long[] shape = [32, 32, 32];
        var array = Blosc(shape, [8, 8, 8]);
        array.Write([0, 0, 0], shape, TestElements.Random(DataType.UInt16, TestElements.Count(shape), 1));
        long chunkBytes = array.KeptChunkBytes;
        Assert.Equal(8 * 8 * 8 * 2, chunkBytes);

        DecodedChunkCache.SetCapacity(5 * chunkBytes);
        for (int z = 0; z < 32; z += 4)
        {
            ReadRegion(array, [z + 1, 3, 3], [6, 20, 20]);
            Assert.True(DecodedChunkCache.HeldBytes <= 5 * chunkBytes, $"{DecodedChunkCache.HeldBytes} bytes kept");
        }

        DecodedChunkCache.SetCapacity(2 * chunkBytes);
        Assert.Equal(2 * chunkBytes, DecodedChunkCache.HeldBytes);
        DecodedChunkCache.SetCapacity(0);
        Assert.Equal(0, DecodedChunkCache.HeldBytes);
    }

    [Fact]
    public void TheBudgetOfBlocksWithContextDecodesAThirdOfTheChunksAlongARow()
    {
        // Blocks of one chunk with a context of 2 voxels: each reads 3×3×3 chunks, in grid order (x fastest).
        long[] shape = [24, 24, 80];
        var array = Blosc(shape, [8, 8, 8]);
        array.Write([0, 0, 0], shape, TestElements.Random(DataType.UInt16, TestElements.Count(shape), 2));
        long budget = ChunkCacheBudget.ForArray(array, [12, 12, 12]);
        Assert.Equal(3 * 3 * 4 * array.KeptChunkBytes, budget);

        long decodedWithout = 0;
        DecodedChunkCache.SetCapacity(budget);
        var before = DecodedChunkCache.Counts;
        foreach (var (z, y, x) in Blocks(shape, 8))
        {
            decodedWithout += TouchedChunks(shape, [z - 2, y - 2, x - 2], 12, 8);
            ReadRegion(array, [z - 2, y - 2, x - 2], [12, 12, 12]);
        }

        var after = DecodedChunkCache.Counts;
        long decoded = after.Misses - before.Misses;
        Assert.True(decoded * 2 < decodedWithout, $"{decoded} chunks decoded with the cache, {decodedWithout} without");
    }

    private static IEnumerable<(long Z, long Y, long X)> Blocks(long[] shape, long block)
    {
        for (long z = 0; z < shape[0]; z += block)
        {
            for (long y = 0; y < shape[1]; y += block)
            {
                for (long x = 0; x < shape[2]; x += block)
                {
                    yield return (z, y, x);
                }
            }
        }
    }

    private static long TouchedChunks(long[] shape, long[] start, long extent, long chunk)
    {
        long count = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            long low = Math.Max(0, start[d]) / chunk;
            long high = (Math.Min(shape[d], start[d] + extent) - 1) / chunk;
            count *= high - low + 1;
        }

        return count;
    }

    private ZarrArray Blosc(long[] shape, int[] chunks) => ZarrArray.Create(temp.Combine($"a{Guid.NewGuid():N}.zarr"), new ZarrArrayOptions
    {
        Shape = shape, ChunkShape = chunks, DataType = DataType.UInt16,
        Codecs = [new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 2)],
    });

    private static byte[] ReadRegion(ZarrArray array, long[] start, long[] extent)
    {
        var buffer = new byte[extent.Aggregate(2L, (a, b) => a * b)];
        array.Read(start, extent, buffer);
        return buffer;
    }

    private static byte[] Filled(int elements, ushort value)
    {
        var values = new ushort[elements];
        values.AsSpan().Fill(value);
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
