using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Bench.Zarr;

/// <summary>
/// What no Zarr store can beat on this machine for one array: its chunks encoded (or decoded) in memory on all
/// cores, and the encoded chunks written as files the way a store writes them (a hidden file, written, renamed into
/// place) into a new directory, as many at once as the store writes. A read is held to the decode limit; a write to the encode limit and
/// to the files limit, whichever is lower on the day (file creation speed swings with the file system's state).
/// </summary>
public sealed record CodecLimits(double EncodeSeconds, double DecodeSeconds, double FilesSeconds, long EncodedBytes)
{
    public static CodecLimits Measure(IBytesCodec codec, IReadOnlyList<byte[]> chunks, string scratch, int repeats)
    {
        int chunkBytes = chunks[0].Length;
        var encoded = new byte[chunks.Count][];
        double encode = Timing.BestSeconds(repeats, () => Parallel.For(0, chunks.Count, i =>
        {
            using var buffer = codec.Encode(chunks[i]);
            encoded[i] = buffer.Span.ToArray();
        }));
        double decode = Timing.BestSeconds(repeats, () => Parallel.For(0, encoded.Length, i =>
        {
            using var buffer = codec.Decode(encoded[i], chunkBytes);
        }));

        int run = 0;
        double files = Timing.BestSeconds(
            repeats,
            () => Directory.CreateDirectory(Path.Combine(scratch, $"files-{++run}")),
            () =>
            {
                string directory = Path.Combine(scratch, $"files-{run}");
                Parallelism.ForWrites(encoded.Length, i => ChunkFiles.WriteAtomic(Path.Combine(directory, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), encoded[i]));
            });
        for (int i = 1; i <= run; i++)
        {
            Directory.Delete(Path.Combine(scratch, $"files-{i}"), recursive: true);
        }

        return new CodecLimits(encode, decode, files, encoded.Sum(e => (long)e.Length));
    }
}
