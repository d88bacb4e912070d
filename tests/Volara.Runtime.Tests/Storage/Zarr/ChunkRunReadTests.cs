using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Storage.Zarr;

/// <summary>
/// Reads decode the chunks side by side along the last axis together and fill the region row by row from all of them;
/// these compare such reads with an element-by-element reference where chunks are missing, partly covered or cut off by
/// the array's edge.
/// </summary>
public sealed class ChunkRunReadTests
{
    public static TheoryData<string, int[], int[]?> Arrays() => new()
    {
        { "uint8", [3, 4, 16], null },      // rows of whole vectors per chunk
        { "uint16", [2, 5, 7], null },      // odd row pieces
        { "float32", [4, 4, 9], null },
        { "uint64", [2, 3, 8], null },
        { "int32", [40], null },            // one axis: the run is one row
        { "uint64", [2, 3, 8], [4, 6, 16] }, // inner chunks of shards
        { "uint8", [3, 4, 16], [6, 8, 32] },
    };

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Random_regions_over_missing_and_edge_chunks_match_a_reference(string type, int[] chunks, int[]? shards)
    {
        using var temp = new TempDirectory();
        var dataType = DataType.TryParseName(type)!.Value;
        long[] shape = chunks.Length == 1 ? [333] : [23, 13, 50];
        var array = ZarrArray.Create(temp.Combine("a.zarr"), new ZarrArrayOptions
        {
            Shape = shape, ChunkShape = chunks, ShardShape = shards, ZarrFormat = shards is null ? 2 : 3, DataType = dataType,
            FillValue = JsonValue.Create(7),
            Codecs = [new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, dataType.Size)],
        });

        // Written in two slabs with a gap between them: the gap's chunks are not stored and read as the fill value.
        var element = FillBytes(dataType);
        var full = new byte[TestElements.Count(shape) * dataType.Size];
        ElementPattern.Fill(full, element);
        var random = new Random(11);
        foreach (var (start, extent) in Slabs(shape, chunks))
        {
            var slab = Compressible(dataType, TestElements.Count(extent), random);
            array.Write(start, extent, slab);
            Paste(slab, extent, full, shape, start, dataType.Size);
        }

        for (int i = 0; i < 40; i++)
        {
            long[] start = [.. shape.Select(s => (long)random.Next(-4, (int)s))];
            long[] extent = [.. shape.Select(s => (long)random.Next(1, (int)s + 6))];
            var got = new byte[TestElements.Count(extent) * dataType.Size];
            random.NextBytes(got);
            array.Read(start, extent, got);
            Assert.Equal(TestElements.Crop(full, shape, start, extent, dataType.Size, element), got);
        }
    }

    [Fact]
    public void A_row_of_chunks_longer_than_one_run_is_read_in_several_runs()
    {
        using var temp = new TempDirectory();
        long[] shape = [70, 130, 1100];
        var array = ZarrArray.Create(temp.Combine("wide.zarr"), new ZarrArrayOptions
        {
            Shape = shape, ChunkShape = [64, 64, 64], DataType = DataType.UInt8, FillValue = JsonValue.Create(3),
            Codecs = [new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 1)],
        });
        var data = TestElements.Random(DataType.UInt8, TestElements.Count(shape), 2);
        array.Write([0, 0, 0], shape, data);
        // 18 chunks along x, 8 to a run of 2 MiB: three runs per row, the last short and cut by the array's edge.
        long[] start = [-1, 5, 7];
        long[] extent = [72, 130, 1100];
        var got = new byte[TestElements.Count(extent)];
        array.Read(start, extent, got);
        Assert.Equal(TestElements.Crop(data, shape, start, extent, 1, [3]), got);
    }

    /// <summary>Two slabs along the first axis, each starting and ending inside chunks, with unwritten chunks between.</summary>
    private static IEnumerable<(long[] Start, long[] Extent)> Slabs(long[] shape, int[] chunks)
    {
        if (shape.Length == 1)
        {
            yield return ([5], [100]);
            yield return ([230], [90]);
            yield break;
        }

        long c = chunks[0];
        yield return ([0, 0, 0], [c + 1, shape[1], shape[2]]);
        yield return ([(3 * c) + 1, 2, 3], [shape[0] - (3 * c) - 1, shape[1] - 2, shape[2] - 5]);
    }

    /// <summary>
    /// Elements whose first byte is small and random and whose other bytes are zero: blosc compresses them, so reads
    /// unshuffle their blocks (random bytes would be stored uncompressed).
    /// </summary>
    private static byte[] Compressible(DataType type, long count, Random random)
    {
        var bytes = new byte[count * type.Size];
        for (long i = 0; i < count; i++)
        {
            bytes[i * type.Size] = (byte)random.Next(8);
        }

        return bytes;
    }

    /// <summary>The fill value 7 as one element of <paramref name="type"/>.</summary>
    private static byte[] FillBytes(DataType type) => type == DataType.Float32
        ? BitConverter.GetBytes(7f)
        : BitConverter.GetBytes(7L).AsSpan(0, type.Size).ToArray();

    private static void Paste(byte[] part, long[] partShape, byte[] full, long[] fullShape, long[] start, int size) =>
        BoxCopy.Copy(part, partShape, new long[partShape.Length], full, fullShape, start, partShape, size);
}
