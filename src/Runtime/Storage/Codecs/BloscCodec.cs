using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// Blosc 1 (c-blosc 1.x frames, as numcodecs and zarr-python write them), implemented without the native library.
/// Decoding reads every parameter from the frame header; the configuration only matters when encoding.
/// </summary>
public sealed class BloscCodec : IBytesCodec, IDecodeInto
{
    public BloscCodec(
        BloscCompressor compressor = BloscCompressor.Lz4,
        int clevel = 5,
        BloscShuffle shuffle = BloscShuffle.Shuffle,
        int typeSize = 1,
        int blockSize = 0)
    {
        if (clevel is < 0 or > 9)
        {
            throw new CodecException($"codec 'blosc': clevel must be between 0 and 9, got {clevel}");
        }

        if (typeSize < 1)
        {
            throw new CodecException($"codec 'blosc': typesize must be at least 1, got {typeSize}");
        }

        if (blockSize < 0)
        {
            throw new CodecException($"codec 'blosc': blocksize must be 0 (automatic) or positive, got {blockSize}");
        }

        Compressor = compressor;
        CompressionLevel = clevel;
        Shuffle = shuffle;
        TypeSize = typeSize;
        BlockSize = blockSize;
    }

    public string Id => "blosc";

    /// <summary>The inner codec used when encoding (<c>cname</c>).</summary>
    public BloscCompressor Compressor { get; }

    /// <summary>0 stores the data uncompressed; 9 compresses hardest (<c>clevel</c>).</summary>
    public int CompressionLevel { get; }

    /// <summary>The filter as configured; <see cref="BloscShuffle.Auto"/> is resolved against <see cref="TypeSize"/> when encoding.</summary>
    public BloscShuffle Shuffle { get; }

    /// <summary>Bytes per element for shuffling (the array's item size).</summary>
    public int TypeSize { get; }

    /// <summary>Forced block size in bytes, or 0 to let c-blosc's rule choose.</summary>
    public int BlockSize { get; }

    public RentedBuffer Encode(ReadOnlySpan<byte> source) =>
        BloscEncoder.Encode(source, Compressor, CompressionLevel, Shuffle.Resolve(TypeSize), TypeSize, BlockSize);

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        int size = BloscDecoder.DecodedSize(source);
        DecodedSize.Check(Id, size, decodedLength);
        return this.DecodeRented(source, size);
    }

    public void DecodeInto(ReadOnlySpan<byte> source, Span<byte> destination) => BloscDecoder.Decode(source, destination);

    /// <summary>numcodecs' <c>Blosc.get_config()</c>: id, cname, clevel, shuffle (integer, -1 kept), blocksize.</summary>
    public JsonObject ToV2Config() => new()
    {
        ["id"] = Id,
        ["cname"] = Compressor.Name(),
        ["clevel"] = CompressionLevel,
        ["shuffle"] = (int)Shuffle,
        ["blocksize"] = BlockSize,
    };

    /// <summary>The Zarr v3 form, as zarr-python writes it: typesize, cname, clevel, shuffle (string), blocksize.</summary>
    public JsonObject ToV3Config() => CodecConfig.V3(Id, new JsonObject
    {
        ["typesize"] = TypeSize,
        ["cname"] = Compressor.Name(),
        ["clevel"] = CompressionLevel,
        ["shuffle"] = Shuffle.Resolve(TypeSize).Name(),
        ["blocksize"] = BlockSize,
    });

    internal static BloscCodec FromV2(JsonObject config, DataType dataType) => new(
        BloscCompressorNames.Parse(CodecConfig.GetString(config, "blosc", "cname") ?? "lz4"),
        CodecConfig.GetInt(config, "blosc", "clevel", 5),
        BloscShuffleNames.FromV2(CodecConfig.GetInt(config, "blosc", "shuffle", 1)),
        dataType.Size,
        CodecConfig.GetInt(config, "blosc", "blocksize", 0));

    internal static BloscCodec FromV3(JsonObject? configuration, DataType dataType) => new(
        BloscCompressorNames.Parse(CodecConfig.GetString(configuration, "blosc", "cname") ?? "zstd"),
        CodecConfig.GetInt(configuration, "blosc", "clevel", 5),
        BloscShuffleNames.Parse(CodecConfig.GetString(configuration, "blosc", "shuffle") ?? "noshuffle"),
        CodecConfig.GetInt(configuration, "blosc", "typesize", dataType.Size),
        CodecConfig.GetInt(configuration, "blosc", "blocksize", 0));
}
