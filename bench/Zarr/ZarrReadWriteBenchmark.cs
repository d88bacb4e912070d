using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Volara.Bench.Peer;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Bench.Zarr;

/// <summary>
/// Full-array write and read throughput (uncompressed GB/s) of our store against zarr-python 2 on the same
/// files: we write the array, both sides read that array, and the peer writes the same data with the same
/// chunking and compressor to its own array, which we then check we can read back bit-exactly.
/// </summary>
public sealed class ZarrReadWriteBenchmark(ZarrCodecCase codecCase) : IBenchmark
{
    public string Name => $"zarr {codecCase.Name}";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? codecCase.QuickShape : codecCase.FullShape;
        long[] shapeLong = [.. shape];
        long[] origin = new long[shape.Length];
        var data = new byte[checked(shape[0] * shape[1] * shape[2] * codecCase.DataType.Size)];
        codecCase.Generate(data, shape[0], shape[1], shape[2]);

        string directory = Path.Combine(settings.WorkDirectory, codecCase.Name.Replace(' ', '_').Replace('+', '_'));
        string oursPath = Path.Combine(directory, "ours.zarr");
        string peerPath = Path.Combine(directory, "peer.zarr");
        Directory.CreateDirectory(directory);

        var options = new ZarrArrayOptions
        {
            Shape = shapeLong,
            ChunkShape = ZarrCodecCase.Chunks,
            DataType = codecCase.DataType,
            ZarrFormat = 2,
            Codecs = [CodecRegistry.FromV2Config((JsonObject)codecCase.Compressor.DeepClone(), codecCase.DataType)],
            FillValue = 0,
        };
        // A new array each time (created untimed), as a pipeline writes its outputs; then rewriting an existing one.
        int run = 0;
        double oursWrite = Timing.BestSeconds(
            settings.Repeats,
            () => ZarrArray.Create($"{oursPath}-new-{++run}", options, overwrite: true),
            () => ZarrArray.Open($"{oursPath}-new-{run}", writable: true).Write(origin, shapeLong, data));
        for (int i = 1; i <= run; i++)
        {
            Directory.Delete($"{oursPath}-new-{i}", recursive: true);
        }

        var written = ZarrArray.Create(oursPath, options, overwrite: true);
        written.Write(origin, shapeLong, data);
        double oursOverwrite = Timing.BestSeconds(settings.Repeats, () => written.Write(origin, shapeLong, data));

        long stored = new DirectoryInfo(oursPath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
        Console.Error.WriteLine($"  {codecCase.Name}: {data.Length / 1e6:0} MB, compression ratio {(double)data.Length / stored:0.00}");

        var reread = ZarrArray.Open(oursPath);
        var readBack = new byte[data.Length];
        double oursRead = Timing.BestSeconds(settings.Repeats, () => reread.Read(origin, shapeLong, readBack));
        RequireEqual(data, readBack, $"our read of {oursPath}");

        var peer = PythonPeer.Run("zarr_peer.py", new JsonObject
        {
            ["source"] = oursPath,
            ["destination"] = peerPath,
            ["chunks"] = new JsonArray([.. ZarrCodecCase.Chunks.Select(c => JsonValue.Create(c))]),
            ["compressor"] = codecCase.Compressor.DeepClone(),
            ["repeats"] = settings.Repeats,
        }, TimeSpan.FromMinutes(30));
        string expectedDigest = Convert.ToHexStringLower(SHA256.HashData(data));
        if (peer["sha256"]?.GetValue<string>() != expectedDigest)
        {
            throw new InvalidOperationException($"{Name}: zarr-python read different data from {oursPath} than we wrote");
        }

        Array.Clear(readBack);
        ZarrArray.Open(peerPath).Read(origin, shapeLong, readBack);
        RequireEqual(data, readBack, $"our read of the peer's {peerPath}");

        var chunks = Chunks(data, shape, codecCase.DataType.Size);
        var limits = CodecLimits.Measure(options.Codecs[0], chunks, directory, settings.Repeats, () => reread.Read(origin, shapeLong, readBack));
        Directory.Delete(directory, recursive: true);

        double gigabytes = data.Length / 1e9;
        string peerName = peer["peer_name"]?.GetValue<string>() ?? "zarr-python";
        var nativeZstd = NativeZstdAgainstManaged(codecCase, options.Codecs[0], chunks, settings.Repeats, gigabytes / limits.EncodeSeconds);
        return
        [
            .. nativeZstd,
            new BenchmarkResult($"{codecCase.Name} read", "GB/s", gigabytes / oursRead, gigabytes / peer["read_seconds"]!.GetValue<double>(), peerName),
            new BenchmarkResult($"{codecCase.Name} write, new array", "GB/s", gigabytes / oursWrite, gigabytes / peer["write_seconds"]!.GetValue<double>(), peerName),
            new BenchmarkResult($"{codecCase.Name} write, existing array", "GB/s", gigabytes / oursOverwrite, gigabytes / peer["overwrite_seconds"]!.GetValue<double>(), peerName),
            new BenchmarkResult($"{codecCase.Name} read / decode limit", "GB/s", gigabytes / oursRead, gigabytes / limits.DecodeSeconds, "decode alone, all cores"),
            new BenchmarkResult($"{codecCase.Name} write / encode limit", "GB/s", gigabytes / oursWrite, gigabytes / limits.EncodeSeconds, "encode alone, all cores"),
            new BenchmarkResult($"{codecCase.Name} write / files limit", "GB/s", gigabytes / oursWrite, gigabytes / limits.FilesSeconds,
                $"chunk files alone, all cores ({limits.EncodedBytes / 1e6:0} MB)"),
            new BenchmarkResult($"{codecCase.Name} read / read files + decode limit", "GB/s", gigabytes / limits.ReadAlongsideSeconds, gigabytes / limits.FilesAndDecodeSeconds,
                "chunk files read and decoded, all cores, timed in turn with the read"),
            new BenchmarkResult($"{codecCase.Name} write / encode + write files limit", "GB/s", gigabytes / oursWrite, gigabytes / limits.EncodeAndFilesSeconds, "chunks encoded and written, all cores"),
        ];
    }

    /// <summary>
    /// For a zstd case compressed through the system's libzstd: the same encoding with the managed port, so that the
    /// choice of compressor is measured in every run.
    /// </summary>
    private static List<BenchmarkResult> NativeZstdAgainstManaged(ZarrCodecCase codecCase, IBytesCodec codec, List<byte[]> chunks, int repeats, double nativeRate)
    {
        if (!codecCase.Name.Contains("zstd", StringComparison.Ordinal) || !NativeZstd.Enabled)
        {
            return [];
        }

        NativeZstd.Enabled = false;
        try
        {
            double managed = CodecLimits.EncodeAll(codec, chunks, repeats, new byte[chunks.Count][]);
            double gigabytes = chunks.Sum(chunk => (long)chunk.Length) / 1e9;
            return [new BenchmarkResult($"{codecCase.Name} encode, system libzstd", "GB/s", nativeRate, gigabytes / managed, "the managed zstd port, all cores")];
        }
        finally
        {
            NativeZstd.Enabled = true;
        }
    }

    /// <summary>The array's chunks as the store sees them: each a C-order box of the chunk shape (the cases' shapes are whole chunks).</summary>
    private static List<byte[]> Chunks(byte[] data, int[] shape, int elementSize)
    {
        int[] c = ZarrCodecCase.Chunks;
        int rowBytes = c[2] * elementSize;
        var chunks = new List<byte[]>();
        for (int z = 0; z < shape[0]; z += c[0])
        {
            for (int y = 0; y < shape[1]; y += c[1])
            {
                for (int x = 0; x < shape[2]; x += c[2])
                {
                    var chunk = new byte[c[0] * c[1] * rowBytes];
                    for (int dz = 0; dz < c[0]; dz++)
                    {
                        for (int dy = 0; dy < c[1]; dy++)
                        {
                            long from = ((((long)(z + dz) * shape[1]) + y + dy) * shape[2] + x) * elementSize;
                            data.AsSpan((int)from, rowBytes).CopyTo(chunk.AsSpan(((dz * c[1]) + dy) * rowBytes));
                        }
                    }

                    chunks.Add(chunk);
                }
            }
        }

        return chunks;
    }

    private void RequireEqual(byte[] expected, byte[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            throw new InvalidOperationException($"{Name}: {what} differs from the generated data");
        }
    }
}
