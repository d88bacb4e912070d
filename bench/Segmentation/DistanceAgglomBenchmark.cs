using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Volara.Bench.Peer;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Bench.Segmentation;

/// <summary>
/// DistanceAgglom's per-block work on one core: surface voxels of CREMI-like fragments (anisotropic Voronoi cells of
/// 3×20×20 voxels, voxel size 40×4×4) and the minimum surface distance of every fragment pair within 16 world units,
/// with <see cref="SurfaceDistances"/> (bounded neighbourhood scan) against scipy's Laplacian + cKDTree pairs (volara's
/// approach). Processor time; both must find the same pairs.
/// </summary>
public sealed class DistanceAgglomBenchmark : IBenchmark
{
    public string Name => "segmentation distance-agglom";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [16, 128, 128] : [24, 192, 192];
        double[] voxelSize = [40, 4, 4];
        const double threshold = 16;
        var labels = Runtime.Synthetic.VoronoiLabels.Create([.. shape.Select(s => (long)s)], [3, 20, 20], seed: 7).Labels;
        var grid = new VoxelGrid(shape);
        List<SurfacePair> pairs = [];
        double ours = CpuTiming.BestSeconds(settings.Repeats, () => pairs = SurfaceDistances.Find(labels, grid, new int[3], shape, voxelSize, threshold));

        string directory = Path.Combine(settings.WorkDirectory, "distance-agglom");
        Directory.CreateDirectory(directory);
        string labelsFile = Path.Combine(directory, "labels.bin");
        File.WriteAllBytes(labelsFile, MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
        var peer = PythonPeer.Run("distance_agglom_peer.py", new JsonObject
        {
            ["labels"] = labelsFile,
            ["shape"] = new JsonArray([.. shape.Select(s => (JsonNode)s)]),
            ["voxel_size"] = new JsonArray([.. voxelSize.Select(s => (JsonNode)s)]),
            ["threshold"] = threshold,
            ["repeats"] = settings.Repeats,
        }, TimeSpan.FromMinutes(10));
        Directory.Delete(directory, recursive: true);
        double distanceSum = pairs.Sum(p => p.Distance);
        if (peer["pairs"]!.GetValue<int>() != pairs.Count || Math.Abs(peer["distance_sum"]!.GetValue<double>() - distanceSum) > 1e-6 * distanceSum)
        {
            throw new InvalidOperationException($"{Name}: {pairs.Count} pairs (distance sum {distanceSum}), scipy {peer["pairs"]} ({peer["distance_sum"]})");
        }

        double mega = labels.Length / 1e6;
        double peerSeconds = peer["seconds"]!.GetValue<double>();
        Console.Error.WriteLine($"  {mega:0.0} Mvoxels, {pairs.Count} close pairs: ours {ours:0.000} s, scipy {peerSeconds:0.000} s (processor time)");
        return [new BenchmarkResult("distance-agglom surface pairs, 1 core", "Mvox/s", mega / ours, mega / peerSeconds, peer["peer_name"]!.GetValue<string>())];
    }
}
