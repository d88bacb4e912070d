using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Codec instances are shared by the threads that encode and decode chunks in parallel.</summary>
public sealed class CodecConcurrencyTests
{
    [Fact]
    public void Shared_codecs_round_trip_on_many_threads_at_once()
    {
        IBytesCodec[] codecs =
        [
            new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 4),
            new BloscCodec(BloscCompressor.Zstd, 3, BloscShuffle.BitShuffle, 2),
            new BloscCodec(BloscCompressor.BloscLz, 5, BloscShuffle.Shuffle, 8),
            new BloscCodec(BloscCompressor.Snappy, 5, BloscShuffle.NoShuffle, 1),
            new ZstdCodec(1), new ZstdCodec(5, checksum: true), new GzipCodec(1), new Lz4Codec(),
        ];
        var inputs = Enumerable.Range(0, 8).Select(i => CodecTestData.Compressible(40_000 + 8 * i, 8, i)).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var codec = codecs[i % codecs.Length];
            var input = inputs[(i / codecs.Length) % inputs.Length];
            using var encoded = codec.Encode(input);
            using var decoded = codec.Decode(encoded.Span, input.Length);
            if (!input.AsSpan().SequenceEqual(decoded.Span))
            {
                failures.Add($"{codec.Id} iteration {i}");
            }
        });
        Assert.Empty(failures);
    }
}
