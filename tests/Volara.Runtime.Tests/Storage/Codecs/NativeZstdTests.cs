using Volara.Runtime.Storage.Codecs;
using ZstdSharp;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>The system's libzstd compresses (where it loads) into frames the managed decoder reads back.</summary>
public sealed class NativeZstdTests
{
    [Theory]
    [InlineData(-5, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(9, false)]
    [InlineData(19, true)]
    [InlineData(40, false)]
    public void Frames_decode_to_the_input_at_every_level_with_and_without_checksum(int level, bool checksum)
    {
        Assert.True(NativeZstd.Enabled, "libzstd.so.1 is part of every Debian system this suite runs on");
        var input = CodecTestData.Compressible(200_003, 4, 7);
        var frame = new byte[Compressor.GetCompressBound(input.Length)];

        int written = NativeZstd.Compress(level, checksum, input, frame);

        Assert.InRange(written, 1, input.Length / 2);
        var decoded = new byte[input.Length];
        Assert.Equal(input.Length, new Decompressor().Unwrap(frame.AsSpan(0, written), decoded));
        Assert.Equal(input, decoded);
        // The frame descriptor's checksum bit.
        Assert.Equal(checksum, (frame[4] & 0x04) != 0);
    }

    [Fact]
    public void A_frame_that_does_not_fit_is_reported_not_written_past_the_end()
    {
        var input = CodecTestData.Random(10_000, 3);
        var frame = new byte[input.Length + 64];

        Assert.Equal(-1, NativeZstd.Compress(3, false, input, frame.AsSpan(0, 100)));
        Assert.All(frame.AsSpan(100).ToArray(), value => Assert.Equal(0, value));
    }
}
