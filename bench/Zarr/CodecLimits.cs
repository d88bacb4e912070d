using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Bench.Zarr;

/// <summary>
/// What no Zarr store can beat on this machine for one array: its chunks encoded (or decoded) in memory on all
/// cores; the encoded chunks written as files the way a store writes them (a hidden file, written, renamed into
/// place) into a new directory, as many at once as the store writes; and both together, each chunk encoded and
/// written (or read and decoded) on all cores, which is all a store has to do and the tighter limit: creating the
/// files is processor work on the same cores as the codec.
/// </summary>
/// <remarks>
/// <see cref="ReadAlongsideSeconds"/>: the store's own read of the same array, given as <c>readAlongside</c> and timed in
/// turn with the chunk files read and decoded, so that the two are compared at the same moments.
/// </remarks>
public sealed record CodecLimits(
    double EncodeSeconds, double DecodeSeconds, double FilesSeconds, double EncodeAndFilesSeconds, double FilesAndDecodeSeconds, long EncodedBytes,
    double ReadAlongsideSeconds)
{
    public static CodecLimits Measure(IBytesCodec codec, IReadOnlyList<byte[]> chunks, string scratch, int repeats, Action readAlongside)
    {
        int chunkBytes = chunks[0].Length;
        var encoded = new byte[chunks.Count][];
        double encode = EncodeAll(codec, chunks, repeats, encoded);
        double decode = Timing.BestSeconds(repeats, () => Parallel.For(0, encoded.Length, i =>
        {
            using var buffer = codec.Decode(encoded[i], chunkBytes);
        }));

        int run = 0;
        string FilesDirectory(int index) => Path.Combine(scratch, $"files-{index}");
        string ChunkFile(int directory, long chunk) => Path.Combine(FilesDirectory(directory), chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double files = Timing.BestSeconds(
            repeats,
            () => Directory.CreateDirectory(FilesDirectory(++run)),
            () =>
            {
                int into = run;
                Parallelism.ForWrites(encoded.Length, i => ChunkFiles.WriteAtomic(ChunkFile(into, i), encoded[i]));
            });
        double encodeAndFiles = Timing.BestSeconds(
            repeats,
            () => Directory.CreateDirectory(FilesDirectory(++run)),
            () =>
            {
                int into = run;
                Parallelism.ForWrites(chunks.Count, i =>
                {
                    using var buffer = codec.Encode(chunks[(int)i]);
                    ChunkFiles.WriteAtomic(ChunkFile(into, i), buffer.Span);
                });
            });
        int written = run;
        var (filesAndDecode, readAlongsideSeconds) = Timing.BestSecondsAlternating(2 * repeats, () => Parallel.For(0, chunks.Count, i =>
        {
            ChunkFiles.TryRead(ChunkFile(written, i), out var file);
            using (file)
            {
                using var buffer = codec.Decode(file.Span, chunkBytes);
            }
        }), readAlongside);
        for (int i = 1; i <= run; i++)
        {
            Directory.Delete(FilesDirectory(i), recursive: true);
        }

        return new CodecLimits(encode, decode, files, encodeAndFiles, filesAndDecode, encoded.Sum(e => (long)e.Length), readAlongsideSeconds);
    }

    /// <summary>Every chunk encoded in memory on all cores, best of <paramref name="repeats"/>; the frames go to <paramref name="encoded"/>.</summary>
    public static double EncodeAll(IBytesCodec codec, IReadOnlyList<byte[]> chunks, int repeats, byte[][] encoded)
    {
        return Timing.BestSeconds(repeats, () => Parallel.For(0, chunks.Count, i =>
        {
            using var buffer = codec.Encode(chunks[i]);
            encoded[i] = buffer.Span.ToArray();
        }));
    }
}
