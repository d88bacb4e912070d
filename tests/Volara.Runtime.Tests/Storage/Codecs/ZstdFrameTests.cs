using Volara.Runtime.Storage.Codecs;
using ZstdSharp;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>zstd chunks from writers that omit the frame content size, or write several frames, still decode.</summary>
public sealed class ZstdFrameTests
{
    [Fact]
    public void Frames_without_content_size_decode_with_and_without_known_size()
    {
        var input = CodecTestData.Compressible(300_001, 2, 5);
        byte[] streamed;
        using (var output = new MemoryStream())
        {
            using (var compressor = new CompressionStream(output, 3, leaveOpen: true))
            {
                compressor.Write(input);
            }

            streamed = output.ToArray();
        }

        Assert.Equal(-1, ContentSizeOf(streamed));
        var codec = new ZstdCodec();
        using var known = codec.Decode(streamed, input.Length);
        Assert.True(input.AsSpan().SequenceEqual(known.Span));
        using var unknown = codec.Decode(streamed, -1);
        Assert.True(input.AsSpan().SequenceEqual(unknown.Span));
        Assert.Throws<CodecException>(() => codec.Decode(streamed, input.Length - 1).Dispose());
    }

    [Fact]
    public void Concatenated_frames_decode_to_the_concatenated_data()
    {
        var codec = new ZstdCodec(1);
        var first = CodecTestData.Random(1000, 1);
        var second = CodecTestData.Compressible(5000, 4, 2);
        using var a = codec.Encode(first);
        using var b = codec.Encode(second);
        byte[] joined = [.. a.Span, .. b.Span];
        using var decoded = codec.Decode(joined, first.Length + second.Length);
        Assert.True(decoded.Span.SequenceEqual([.. first, .. second]));
    }

    /// <summary>The frame header's content size, or -1 when the single-segment flag and size field are absent.</summary>
    private static long ContentSizeOf(byte[] frame)
    {
        byte descriptor = frame[4];
        int sizeFlag = descriptor >> 6;
        bool singleSegment = (descriptor & 0x20) != 0;
        return sizeFlag == 0 && !singleSegment ? -1 : 0;
    }
}
