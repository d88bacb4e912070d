using System.Text.Json.Nodes;
using Volara.Cli.Output;

namespace Volara.Cli.Tests.Output;

public sealed class CodecTextTests
{
    [Fact]
    public void V2CodecsListTheirParametersBesideTheId()
    {
        var blosc = JsonNode.Parse("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""")!.AsObject();

        Assert.Equal("blosc(cname=lz4, clevel=5, shuffle=1, blocksize=0)", CodecText.Describe(blosc));
    }

    [Fact]
    public void V3CodecsListTheirConfigurationAndNestedCodecs()
    {
        var sharding = JsonNode.Parse("""
            {"name":"sharding_indexed","configuration":{"chunk_shape":[8,8],
             "codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"gzip","configuration":{"level":5}}]}}
            """)!.AsObject();

        Assert.Equal(
            "sharding_indexed(chunk_shape=[8,8], codecs=[bytes(endian=little) | gzip(level=5)])",
            CodecText.Describe(sharding));
    }

    [Fact]
    public void CodecsWithoutParametersAreJustTheirName() =>
        Assert.Equal("crc32c", CodecText.Describe(new JsonObject { ["name"] = "crc32c" }));
}
