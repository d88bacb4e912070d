using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Every numcodecs blosc conformance vector (snappy ones included) decodes to its source array.</summary>
public sealed class BloscFixtureTests
{
    public static TheoryData<string> Configs => NumcodecsFixtures.ConfigData("blosc");

    [Theory]
    [MemberData(nameof(Configs))]
    public void Blosc_vectors_decode(string config)
    {
        var vectors = NumcodecsFixtures.Vectors("blosc", config);
        var codec = CodecRegistry.FromV2Config(vectors[0].Config);
        foreach (var vector in vectors)
        {
            using var decoded = codec.Decode(vector.Encoded, vector.Array.Data.Length);
            Assert.True(vector.Array.Data.AsSpan().SequenceEqual(decoded.Span), $"{vector.Name} differs");
            using var unknownSize = codec.Decode(vector.Encoded, -1);
            Assert.Equal(vector.Array.Data.Length, unknownSize.Length);
        }
    }

    [Fact]
    public void Snappy_vectors_hold_compressed_streams()
    {
        // Guards the snappy decoder: at least one frame must not be a plain copy.
        var vectors = NumcodecsFixtures.Vectors("blosc", "codec.09");
        Assert.Equal("snappy", vectors[0].Config["cname"]!.GetValue<string>());
        Assert.Contains(vectors, vector => (vector.Encoded[2] & 0x02) == 0 && vector.Encoded.Length < vector.Array.Data.Length);
    }
}
