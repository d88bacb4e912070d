using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>The numcodecs conformance vectors of the non-blosc codecs decode to the source arrays.</summary>
public sealed class SimpleCodecFixtureTests
{
    public static TheoryData<string> GzipConfigs => NumcodecsFixtures.ConfigData("gzip");

    public static TheoryData<string> ZlibConfigs => NumcodecsFixtures.ConfigData("zlib");

    public static TheoryData<string> ZstdConfigs => NumcodecsFixtures.ConfigData("zstd");

    public static TheoryData<string> Lz4Configs => NumcodecsFixtures.ConfigData("lz4");

    public static TheoryData<string> Crc32cConfigs => NumcodecsFixtures.ConfigData("crc32c");

    public static TheoryData<string> ShuffleConfigs => NumcodecsFixtures.ConfigData("shuffle");

    [Theory]
    [MemberData(nameof(GzipConfigs))]
    public void Gzip_vectors_decode(string config) => DecodeAll("gzip", config);

    [Theory]
    [MemberData(nameof(ZlibConfigs))]
    public void Zlib_vectors_decode(string config) => DecodeAll("zlib", config);

    [Theory]
    [MemberData(nameof(ZstdConfigs))]
    public void Zstd_vectors_decode(string config) => DecodeAll("zstd", config);

    [Theory]
    [MemberData(nameof(Lz4Configs))]
    public void Lz4_vectors_decode(string config) => DecodeAll("lz4", config);

    [Theory]
    [MemberData(nameof(Crc32cConfigs))]
    public void Crc32c_vectors_decode(string config) => DecodeAll("crc32c", config);

    [Theory]
    [MemberData(nameof(ShuffleConfigs))]
    public void Shuffle_vectors_decode(string config) => DecodeAll("shuffle", config);

    internal static void DecodeAll(string codecName, string config)
    {
        var vectors = NumcodecsFixtures.Vectors(codecName, config);
        var codec = CodecRegistry.FromV2Config(vectors[0].Config);
        Assert.Equal(codecName, codec.Id);
        foreach (var vector in vectors)
        {
            using var known = codec.Decode(vector.Encoded, vector.Array.Data.Length);
            Assert.True(vector.Array.Data.AsSpan().SequenceEqual(known.Span), $"{vector.Name} (known size) differs");
            using var unknown = codec.Decode(vector.Encoded, -1);
            Assert.True(vector.Array.Data.AsSpan().SequenceEqual(unknown.Span), $"{vector.Name} (unknown size) differs");
        }
    }
}
