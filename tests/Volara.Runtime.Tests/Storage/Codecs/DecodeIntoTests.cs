using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Decoding into the caller's buffer gives the same bytes as <see cref="IBytesCodec.Decode"/> and checks the size.</summary>
public sealed class DecodeIntoTests
{
    public static TheoryData<string> Codecs => new() { "blosc", "blosc-bitshuffle", "lz4", "zstd", "shuffle", "crc32c" };

    private static IBytesCodec Create(string name) => name switch
    {
        "blosc" => new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 4),
        "blosc-bitshuffle" => new BloscCodec(BloscCompressor.Zstd, 1, BloscShuffle.BitShuffle, 2),
        "lz4" => new Lz4Codec(),
        "zstd" => new ZstdCodec(3),
        "shuffle" => new ShuffleCodec(8),
        _ => new Crc32cCodec(),
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Decode_into_matches_decode(string name)
    {
        var codec = Create(name);
        var direct = Assert.IsAssignableFrom<IDecodeInto>(codec);
        foreach (int size in new[] { 0, 8, 1000, 300_000 })
        {
            var input = CodecTestData.Compressible(size, 8, size);
            using var encoded = codec.Encode(input);
            var destination = new byte[size];
            direct.DecodeInto(encoded.Span, destination);
            Assert.Equal(input, destination);
            if (size > 0)
            {
                Assert.ThrowsAny<CodecException>(() => direct.DecodeInto(encoded.Span, new byte[size - 8]));
            }
        }
    }
}
