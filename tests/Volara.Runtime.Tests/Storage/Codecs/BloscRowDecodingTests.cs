using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>
/// A byte-shuffled blosc frame is unshuffled block by block straight into the rows of a read region; the region must
/// hold exactly what decoding the whole chunk and copying the box would give, with rows that straddle blocks.
/// </summary>
public sealed class BloscRowDecodingTests
{
    [Theory]
    [InlineData(2, 0)]
    [InlineData(4, 256)]      // blocks of 64 elements: rows of 7 straddle them
    [InlineData(8, 2048)]
    [InlineData(8, 0)]
    public void Rows_decoded_into_the_region_equal_the_box_of_the_decoded_chunk(int elementSize, int blockSize)
    {
        long[] chunkShape = [6, 9, 7];
        var chunk = Compressible(6 * 9 * 7 * elementSize, elementSize);
        var codec = new BloscCodec(BloscCompressor.Zstd, 3, BloscShuffle.Shuffle, elementSize, blockSize);
        using var frame = codec.Encode(chunk);
        Assert.False(BloscHeader.Read(frame.Span).IsMemcpyed);
        var noise = CodecTestData.Random(chunk.Length, elementSize);
        var random = new Random(elementSize + blockSize);
        for (int trial = 0; trial < 30; trial++)
        {
            long[] boxStart = [.. chunkShape.Select(s => (long)random.Next((int)s))];
            long[] box = [.. chunkShape.Select((s, d) => (long)random.Next(1, (int)(s - boxStart[d]) + 1))];
            long[] regionShape = [.. box.Select(b => b + random.Next(3))];
            long[] regionStart = [.. box.Select((b, d) => (long)random.Next((int)(regionShape[d] - b) + 1))];
            var expected = new byte[regionShape.Aggregate((long)elementSize, (a, b) => a * b)];
            random.NextBytes(expected);
            var got = (byte[])expected.Clone();
            BoxCopy.Copy(chunk, chunkShape, boxStart, expected, regionShape, regionStart, box, elementSize);

            var rows = new ChunkRows(chunkShape, boxStart, box, regionShape, regionStart, elementSize);
            Assert.True(BloscDecoder.TryDecodeRows(frame.Span, rows, got));
            Assert.Equal(expected, got);

            // Data blosc cannot compress is stored as it is; its rows are copied out of the frame.
            using var stored = codec.Encode(noise);
            Assert.True(BloscHeader.Read(stored.Span).IsMemcpyed);
            got = (byte[])expected.Clone();
            BoxCopy.Copy(noise, chunkShape, boxStart, expected, regionShape, regionStart, box, elementSize);
            Assert.True(BloscDecoder.TryDecodeRows(stored.Span, rows, got));
            Assert.Equal(expected, got);
        }
    }

    /// <summary>Runs of a few random values, so that blosc compresses them (with or without shuffle).</summary>
    private static byte[] Compressible(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (int i = 0; i < length; i += 24)
        {
            bytes.AsSpan(i, Math.Min(24, length - i)).Fill((byte)(random.Next(4) * 17));
        }

        return bytes;
    }

    [Fact]
    public void Frames_not_shuffled_with_the_element_size_are_left_to_the_whole_chunk_decoder()
    {
        long[] chunkShape = [4, 64];
        var chunk = Compressible(4 * 64 * 4, 1);
        var region = new byte[chunk.Length];
        var rows = new ChunkRows(chunkShape, [1, 2], [2, 3], chunkShape, [0, 0], 4);
        foreach (var codec in new[]
                 {
                     new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.NoShuffle, 4),
                     new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.BitShuffle, 4),
                     new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 2),
                 })
        {
            using var frame = codec.Encode(chunk);
            Assert.False(BloscHeader.Read(frame.Span).IsMemcpyed);
            Assert.False(BloscDecoder.TryDecodeRows(frame.Span, rows, region));
            Assert.All(region, b => Assert.Equal(0, b));
        }
    }
}
