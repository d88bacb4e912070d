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
        var written = ZarrArray.Create(oursPath, options, overwrite: true);
        double oursWrite = Timing.BestSeconds(settings.Repeats, () => written.Write(origin, shapeLong, data));

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
        Directory.Delete(directory, recursive: true);

        double gigabytes = data.Length / 1e9;
        string peerName = peer["peer_name"]?.GetValue<string>() ?? "zarr-python";
        return
        [
            new BenchmarkResult($"{codecCase.Name} read", "GB/s", gigabytes / oursRead, gigabytes / peer["read_seconds"]!.GetValue<double>(), peerName),
            new BenchmarkResult($"{codecCase.Name} write", "GB/s", gigabytes / oursWrite, gigabytes / peer["write_seconds"]!.GetValue<double>(), peerName),
        ];
    }

    private void RequireEqual(byte[] expected, byte[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            throw new InvalidOperationException($"{Name}: {what} differs from the generated data");
        }
    }
}
