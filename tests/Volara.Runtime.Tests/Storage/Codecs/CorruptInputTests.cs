using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Damaged input fails with <see cref="CodecException"/>, never with another exception or a hang.</summary>
public sealed class CorruptInputTests
{
    public static TheoryData<string> Codecs => new()
    {
        "gzip", "zlib", "zstd", "zstd-checksum", "lz4", "crc32c",
        "blosc-lz4", "blosc-blosclz", "blosc-zlib", "blosc-zstd", "blosc-snappy", "blosc-lz4-bitshuffle",
    };

    private static IBytesCodec Create(string name) => name switch
    {
        "blosc-lz4" => new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 4),
        "blosc-blosclz" => new BloscCodec(BloscCompressor.BloscLz, 5, BloscShuffle.Shuffle, 2),
        "blosc-zlib" => new BloscCodec(BloscCompressor.Zlib, 5, BloscShuffle.Shuffle, 4),
        "blosc-zstd" => new BloscCodec(BloscCompressor.Zstd, 5, BloscShuffle.NoShuffle, 4),
        "blosc-snappy" => new BloscCodec(BloscCompressor.Snappy, 5, BloscShuffle.Shuffle, 8),
        "blosc-lz4-bitshuffle" => new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.BitShuffle, 4),
        _ => CodecRoundTripTests.SimpleCodec(name),
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public Task Truncated_input_throws_codec_exception(string name) => WithoutHanging(() =>
    {
        var codec = Create(name);
        var input = CodecTestData.Compressible(200_000, 4, 11);
        using var encoded = codec.Encode(input);
        byte[] bytes = encoded.Span.ToArray();
        foreach (int length in new[] { 0, 1, 3, 15, 16, 17, bytes.Length / 3, bytes.Length / 2, bytes.Length - 1 })
        {
            var ex = Record.Exception(() => codec.Decode(bytes.AsSpan(0, length), input.Length).Dispose());
            Assert.True(ex is CodecException, $"{name} truncated to {length} of {bytes.Length}: {ex?.GetType().Name ?? "no exception"} {ex?.Message}");
        }
    });

    [Theory]
    [MemberData(nameof(Codecs))]
    public Task Damaged_bytes_decode_or_throw_codec_exception(string name) => WithoutHanging(() =>
    {
        var codec = Create(name);
        var input = CodecTestData.Compressible(60_000, 4, 12);
        using var encoded = codec.Encode(input);
        var random = new Random(13);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] bytes = encoded.Span.ToArray();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            foreach (int expected in new[] { input.Length, -1 })
            {
                try
                {
                    codec.Decode(bytes, expected).Dispose();
                }
                catch (CodecException)
                {
                }
            }
        }
    });

    [Fact]
    public Task Damaged_snappy_frames_decode_or_throw_codec_exception() => WithoutHanging(() =>
    {
        var random = new Random(14);
        foreach (var vector in NumcodecsFixtures.Vectors("blosc", "codec.09"))
        {
            var codec = CodecRegistry.FromV2Config(vector.Config);
            for (int trial = 0; trial < 100; trial++)
            {
                byte[] bytes = (byte[])vector.Encoded.Clone();
                bytes[16 + random.Next(bytes.Length - 16)] ^= (byte)(1 << random.Next(8));
                try
                {
                    codec.Decode(bytes, vector.Array.Data.Length).Dispose();
                }
                catch (CodecException)
                {
                }
            }
        }
    });

    /// <summary>Damaged input must never make a decoder loop: such a hang fails the test instead of stalling the suite.</summary>
    private static Task WithoutHanging(Action body) => Task.Run(body).WaitAsync(TimeSpan.FromMinutes(2));

    [Fact]
    public void Crc32c_mismatch_is_reported()
    {
        var codec = new Crc32cCodec();
        using var encoded = codec.Encode("hello"u8);
        byte[] bytes = encoded.Span.ToArray();
        bytes[1] ^= 0x20;
        var error = Assert.Throws<CodecException>(() => codec.Decode(bytes, -1).Dispose());
        Assert.Contains("crc32c checksum mismatch", error.Message);
    }

    [Fact]
    public void Crc32c_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32c.Compute("123456789"u8));
    }

    [Fact]
    public void Wrong_expected_size_is_reported()
    {
        foreach (string name in new[] { "gzip", "zstd", "lz4", "blosc-lz4", "crc32c" })
        {
            var codec = Create(name);
            using var encoded = codec.Encode(new byte[1000]);
            var error = Assert.ThrowsAny<CodecException>(() => codec.Decode(encoded.Span, 999).Dispose());
            Assert.Contains(codec.Id, error.Message);
        }
    }

    [Fact]
    public void Blosc_block_size_beyond_the_buffer_is_rejected()
    {
        var codec = new BloscCodec();
        using var encoded = codec.Encode(CodecTestData.Compressible(1000, 1, 1));
        byte[] bytes = encoded.Span.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 400_000_000);
        var error = Assert.Throws<CodecException>(() => codec.Decode(bytes, -1).Dispose());
        Assert.Contains("blocksize", error.Message);
    }

    [Fact]
    public void Blosc2_frames_are_rejected_by_name()
    {
        var codec = new BloscCodec();
        using var encoded = codec.Encode(new byte[1000]);
        byte[] bytes = encoded.Span.ToArray();
        bytes[0] = 4;
        var error = Assert.Throws<CodecException>(() => codec.Decode(bytes, 1000).Dispose());
        Assert.Contains("a Blosc2 frame (header version 4)", error.Message);
    }

    [Fact]
    public void Random_bytes_are_said_not_to_be_a_blosc_frame()
    {
        var bytes = new byte[1000];
        new Random(5).NextBytes(bytes);
        bytes[0] = 0xC7;
        var error = Assert.Throws<CodecException>(() => new BloscCodec().Decode(bytes, 1000).Dispose());
        Assert.Equal("blosc: not a Blosc frame (its first byte, the header version, is 199; c-blosc 1.x frames start with 2)", error.Message);
    }
}
