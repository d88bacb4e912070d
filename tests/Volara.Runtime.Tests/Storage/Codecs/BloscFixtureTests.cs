using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Every numcodecs blosc conformance vector decodes to its source array (snappy ones fail clearly).</summary>
public sealed class BloscFixtureTests
{
    public static TheoryData<string> Configs => NumcodecsFixtures.ConfigData("blosc");

    [Theory]
    [MemberData(nameof(Configs))]
    public void Blosc_vectors_decode(string config)
    {
        var vectors = NumcodecsFixtures.Vectors("blosc", config);
        var codec = CodecRegistry.FromV2Config(vectors[0].Config);
        bool snappy = vectors[0].Config["cname"]!.GetValue<string>() == "snappy";
        int unsupported = 0;
        foreach (var vector in vectors)
        {
            if (snappy)
            {
                try
                {
                    using var maybe = codec.Decode(vector.Encoded, vector.Array.Data.Length);
                    Assert.True(vector.Array.Data.AsSpan().SequenceEqual(maybe.Span), $"{vector.Name} differs");
                }
                catch (UnknownCodecException error)
                {
                    Assert.Equal("blosc/snappy", error.CodecId);
                    unsupported++;
                }

                continue;
            }

            using var decoded = codec.Decode(vector.Encoded, vector.Array.Data.Length);
            Assert.True(vector.Array.Data.AsSpan().SequenceEqual(decoded.Span), $"{vector.Name} differs");
            using var unknownSize = codec.Decode(vector.Encoded, -1);
            Assert.Equal(vector.Array.Data.Length, unknownSize.Length);
        }

        if (snappy)
        {
            Assert.True(unsupported > 0, "snappy vectors should include compressed streams this library rejects");
        }
    }
}
