using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Encode then decode returns the input for every codec, parameter and size.</summary>
public sealed class CodecRoundTripTests
{
    public static TheoryData<BloscCompressor, BloscShuffle> BloscVariants()
    {
        var data = new TheoryData<BloscCompressor, BloscShuffle>();
        foreach (var compressor in new[] { BloscCompressor.Lz4, BloscCompressor.Lz4Hc, BloscCompressor.BloscLz, BloscCompressor.Snappy, BloscCompressor.Zlib, BloscCompressor.Zstd })
        {
            foreach (var shuffle in new[] { BloscShuffle.NoShuffle, BloscShuffle.Shuffle, BloscShuffle.BitShuffle, BloscShuffle.Auto })
            {
                data.Add(compressor, shuffle);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BloscVariants))]
    public void Blosc_round_trips(BloscCompressor compressor, BloscShuffle shuffle)
    {
        foreach (int typeSize in new[] { 1, 2, 4, 8 })
        {
            var codec = new BloscCodec(compressor, 5, shuffle, typeSize);
            foreach (int size in CodecTestData.SmallSizes)
            {
                AssertRoundTrip(codec, CodecTestData.Random(size, size), $"random {size} typesize {typeSize}");
                AssertRoundTrip(codec, CodecTestData.Compressible(size, typeSize, size), $"compressible {size} typesize {typeSize}");
            }

            AssertRoundTrip(codec, CodecTestData.Random(CodecTestData.Kilobytes100, 1), $"random 100 KB typesize {typeSize}");
            var compressible = CodecTestData.Compressible(CodecTestData.Kilobytes100, typeSize, 2);
            int encodedLength = AssertRoundTrip(codec, compressible, $"compressible 100 KB typesize {typeSize}");
            Assert.True(encodedLength < compressible.Length / 2, $"{compressor}/{shuffle}/{typeSize}: {encodedLength} bytes is not compressed");
        }
    }

    [Theory]
    [InlineData(BloscCompressor.Lz4, 2)]
    [InlineData(BloscCompressor.Lz4, 8)]
    [InlineData(BloscCompressor.BloscLz, 4)]
    [InlineData(BloscCompressor.Zstd, 4)]
    [InlineData(BloscCompressor.Snappy, 8)]
    public void Blosc_round_trips_multi_block_buffers(BloscCompressor compressor, int typeSize)
    {
        foreach (var shuffle in new[] { BloscShuffle.Shuffle, BloscShuffle.BitShuffle })
        {
            var codec = new BloscCodec(compressor, 5, shuffle, typeSize);
            AssertRoundTrip(codec, CodecTestData.Compressible(CodecTestData.Megabytes3, typeSize, 3), $"3 MB {shuffle}");
        }

        AssertRoundTrip(new BloscCodec(compressor, 1, BloscShuffle.Shuffle, typeSize), CodecTestData.Random(CodecTestData.Megabytes3, 4), "3 MB random");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void Blosc_round_trips_every_clevel_and_forced_block_size(int clevel)
    {
        foreach (int blockSize in new[] { 0, 100, 256, 4096 })
        {
            var codec = new BloscCodec(BloscCompressor.Lz4, clevel, BloscShuffle.Shuffle, 4, blockSize);
            AssertRoundTrip(codec, CodecTestData.Compressible(50_003, 4, clevel), $"clevel {clevel} blocksize {blockSize}");
        }
    }

    [Fact]
    public void Blosc_with_large_type_size_round_trips()
    {
        foreach (int typeSize in new[] { 3, 16, 17, 300 })
        {
            var codec = new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, typeSize);
            AssertRoundTrip(codec, CodecTestData.Compressible(70_001, Math.Min(typeSize, 8), typeSize), $"typesize {typeSize}");
            var bit = new BloscCodec(BloscCompressor.BloscLz, 5, BloscShuffle.BitShuffle, typeSize);
            AssertRoundTrip(bit, CodecTestData.Compressible(70_001, Math.Min(typeSize, 8), typeSize), $"bitshuffle typesize {typeSize}");
        }
    }

    public static TheoryData<string> SimpleCodecs => new() { "gzip", "zlib", "zstd", "zstd-checksum", "lz4", "crc32c" };

    [Theory]
    [MemberData(nameof(SimpleCodecs))]
    public void Simple_codecs_round_trip(string name)
    {
        var codec = SimpleCodec(name);
        foreach (int size in CodecTestData.SmallSizes)
        {
            AssertRoundTrip(codec, CodecTestData.Random(size, size), $"random {size}");
            AssertRoundTrip(codec, CodecTestData.Compressible(size, 2, size), $"compressible {size}");
        }

        AssertRoundTrip(codec, CodecTestData.Random(CodecTestData.Kilobytes100, 5), "random 100 KB");
        AssertRoundTrip(codec, CodecTestData.Compressible(CodecTestData.Megabytes3, 4, 6), "compressible 3 MB");
    }

    internal static IBytesCodec SimpleCodec(string name) => name switch
    {
        "gzip" => new GzipCodec(5),
        "zlib" => new ZlibCodec(5),
        "zstd" => new ZstdCodec(3),
        "zstd-checksum" => new ZstdCodec(1, checksum: true),
        "lz4" => new Lz4Codec(),
        _ => new Crc32cCodec(),
    };

    /// <summary>Round-trips with the size known and unknown; returns the encoded length.</summary>
    internal static int AssertRoundTrip(IBytesCodec codec, byte[] input, string what)
    {
        using var encoded = codec.Encode(input);
        using var decoded = codec.Decode(encoded.Span, input.Length);
        Assert.True(input.AsSpan().SequenceEqual(decoded.Span), $"{codec.Id} {what}: decoded bytes differ");
        using var unsized = codec.Decode(encoded.Span, -1);
        Assert.True(input.AsSpan().SequenceEqual(unsized.Span), $"{codec.Id} {what}: decoded bytes differ (size unknown)");
        return encoded.Length;
    }

    [Fact]
    public void Registry_builds_blosc_with_the_array_type_size()
    {
        var codec = (BloscCodec)CodecRegistry.FromV2Config(
            new() { ["id"] = "blosc", ["cname"] = "zstd", ["clevel"] = 3, ["shuffle"] = -1, ["blocksize"] = 0 }, DataType.UInt16);
        Assert.Equal(2, codec.TypeSize);
        Assert.Equal(BloscShuffle.Auto, codec.Shuffle);
        using var encoded = codec.Encode(CodecTestData.Compressible(4096, 2, 1));
        Assert.Equal(0x01, encoded.Span[2] & 0x05);
        Assert.Equal(2, encoded.Span[3]);
    }
}
