using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Metadata objects map to codecs and back exactly as numcodecs and zarr-python write them.</summary>
public sealed class CodecRegistryTests
{
    [Theory]
    [InlineData("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""")]
    [InlineData("""{"id":"blosc","cname":"zstd","clevel":3,"shuffle":-1,"blocksize":256}""")]
    [InlineData("""{"id":"blosc","cname":"blosclz","clevel":9,"shuffle":2,"blocksize":0}""")]
    [InlineData("""{"id":"gzip","level":5}""")]
    [InlineData("""{"id":"zlib","level":-1}""")]
    [InlineData("""{"id":"zstd","level":1}""")]
    [InlineData("""{"id":"zstd","level":22,"checksum":true}""")]
    [InlineData("""{"id":"lz4","acceleration":1}""")]
    [InlineData("""{"id":"crc32c"}""")]
    [InlineData("""{"id":"shuffle","elementsize":8}""")]
    public void V2_configs_round_trip_key_for_key(string json)
    {
        var config = (JsonObject)JsonNode.Parse(json)!;
        var codec = CodecRegistry.FromV2Config(config, DataType.Float32);
        Assert.Equal(config["id"]!.GetValue<string>(), codec.Id);
        Assert.Equal(json, codec.ToV2Config().ToJsonString());
    }

    [Theory]
    [InlineData("""{"name":"blosc","configuration":{"typesize":4,"cname":"lz4","clevel":5,"shuffle":"shuffle","blocksize":0}}""")]
    [InlineData("""{"name":"blosc","configuration":{"typesize":2,"cname":"zstd","clevel":1,"shuffle":"bitshuffle","blocksize":0}}""")]
    [InlineData("""{"name":"gzip","configuration":{"level":5}}""")]
    [InlineData("""{"name":"zstd","configuration":{"level":0,"checksum":false}}""")]
    [InlineData("""{"name":"crc32c"}""")]
    [InlineData("""{"name":"numcodecs.zlib","configuration":{"level":1}}""")]
    [InlineData("""{"name":"numcodecs.lz4","configuration":{"acceleration":1}}""")]
    [InlineData("""{"name":"numcodecs.shuffle","configuration":{"elementsize":2}}""")]
    public void V3_configs_round_trip_key_for_key(string json)
    {
        var codec = CodecRegistry.FromV3Config((JsonObject)JsonNode.Parse(json)!, DataType.Int32);
        Assert.Equal(json, codec.ToV3Config().ToJsonString());
    }

    [Fact]
    public void V3_blosc_without_typesize_takes_the_data_type_size()
    {
        var codec = (BloscCodec)CodecRegistry.FromV3Config(
            (JsonObject)JsonNode.Parse("""{"name":"blosc","configuration":{"cname":"lz4","clevel":5,"shuffle":"noshuffle"}}""")!,
            DataType.UInt64);
        Assert.Equal(8, codec.TypeSize);
        Assert.Equal(BloscShuffle.NoShuffle, codec.Shuffle);
        Assert.Equal(BloscCompressor.Lz4, codec.Compressor);
    }

    [Fact]
    public void Automatic_shuffle_is_written_as_a_concrete_v3_string()
    {
        Assert.Equal("bitshuffle", new BloscCodec(shuffle: BloscShuffle.Auto, typeSize: 1).ToV3Config()["configuration"]!["shuffle"]!.GetValue<string>());
        Assert.Equal("shuffle", new BloscCodec(shuffle: BloscShuffle.Auto, typeSize: 4).ToV3Config()["configuration"]!["shuffle"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"id":"bz2","level":1}""", "bz2")]
    [InlineData("""{"id":"blosc","cname":"lzma","clevel":5,"shuffle":1,"blocksize":0}""", "blosc/lzma")]
    public void Unknown_v2_codecs_are_named(string json, string expectedId)
    {
        var error = Assert.Throws<UnknownCodecException>(() => CodecRegistry.FromV2Config((JsonObject)JsonNode.Parse(json)!));
        Assert.Equal(expectedId, error.CodecId);
    }

    [Fact]
    public void Unknown_v3_codecs_are_named()
    {
        var error = Assert.Throws<UnknownCodecException>(
            () => CodecRegistry.FromV3Config((JsonObject)JsonNode.Parse("""{"name":"sharding_indexed","configuration":{}}""")!, DataType.UInt8));
        Assert.Equal("sharding_indexed", error.CodecId);
    }

    [Theory]
    [InlineData("""{"id":"blosc","cname":"lz4","clevel":12,"shuffle":1,"blocksize":0}""", "clevel")]
    [InlineData("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":7,"blocksize":0}""", "shuffle")]
    [InlineData("""{"id":"gzip","level":"high"}""", "level")]
    [InlineData("""{"id":"zstd","level":3,"checksum":1}""", "checksum")]
    [InlineData("""{"level":3}""", "id")]
    public void Invalid_parameters_are_named(string json, string parameter)
    {
        var error = Assert.ThrowsAny<CodecException>(() => CodecRegistry.FromV2Config((JsonObject)JsonNode.Parse(json)!));
        Assert.Contains(parameter, error.Message);
    }
}
