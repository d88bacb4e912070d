using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// numcodecs' <c>shuffle</c> filter: the same byte transposition blosc applies per block, over the whole chunk.
/// An element size of 0 or 1 leaves the data unchanged.
/// </summary>
public sealed class ShuffleCodec : IBytesCodec, IDecodeInto
{
    public ShuffleCodec(int elementSize = 4)
    {
        if (elementSize < 0)
        {
            throw new CodecException($"codec 'shuffle': elementsize must not be negative, got {elementSize}");
        }

        ElementSize = elementSize;
    }

    public string Id => "shuffle";

    public int ElementSize { get; }

    public RentedBuffer Encode(ReadOnlySpan<byte> source) => Transform(source, shuffle: true);

    public RentedBuffer Decode(ReadOnlySpan<byte> source, int decodedLength)
    {
        DecodedSize.Check(Id, source.Length, decodedLength);
        return Transform(source, shuffle: false);
    }

    public void DecodeInto(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        DecodedSize.Check(Id, source.Length, destination.Length);
        Transform(source, destination, shuffle: false);
    }

    public JsonObject ToV2Config() => new() { ["id"] = Id, ["elementsize"] = ElementSize };

    /// <summary>shuffle is not a v3 codec; zarr-python 3 names it <c>numcodecs.shuffle</c>.</summary>
    public JsonObject ToV3Config() => CodecConfig.V3("numcodecs.shuffle", new JsonObject { ["elementsize"] = ElementSize });

    private RentedBuffer Transform(ReadOnlySpan<byte> source, bool shuffle)
    {
        var result = RentedBuffer.Rent(source.Length);
        try
        {
            Transform(source, result.Span, shuffle);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private void Transform(ReadOnlySpan<byte> source, Span<byte> destination, bool shuffle)
    {
        if (ElementSize > 1 && source.Length % ElementSize != 0)
        {
            throw new CodecException($"shuffle: {source.Length} bytes is not a whole number of {ElementSize}-byte elements");
        }

        if (ElementSize <= 1)
        {
            source.CopyTo(destination);
        }
        else if (shuffle)
        {
            ByteShuffle.Shuffle(ElementSize, source, destination);
        }
        else
        {
            ByteShuffle.Unshuffle(ElementSize, source, destination);
        }
    }
}
