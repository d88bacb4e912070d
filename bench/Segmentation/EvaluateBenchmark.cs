using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Volara.Bench.Peer;
using Volara.Runtime.Evaluation;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Evaluate's work on one core: contingency table of a segmentation against a ground truth (two different CREMI-like
/// Voronoi labellings) counted in blocks of 16×64×64 and merged, then VOI and adapted Rand error, against skimage's
/// <c>variation_of_information</c> + <c>adapted_rand_error</c> on the whole arrays. Processor time; scores must agree.
/// </summary>
public sealed class EvaluateBenchmark : IBenchmark
{
    public string Name => "segmentation evaluate";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [32, 256, 256] : [64, 512, 512];
        long[] longShape = [.. shape.Select(s => (long)s)];
        var truth = Runtime.Synthetic.VoronoiLabels.Create(longShape, [3, 20, 20], seed: 3).Labels;
        var segmentation = Runtime.Synthetic.VoronoiLabels.Create(longShape, [4, 16, 24], seed: 4).Labels;
        int plane = shape[1] * shape[2];
        var truthBlock = new ulong[16 * 64 * 64];
        var segmentBlock = new ulong[16 * 64 * 64];
        EvaluationResults results = null!;
        double ours = CpuTiming.BestSeconds(settings.Repeats, () =>
        {
            var merged = new ContingencyTable();
            for (int z = 0; z < shape[0]; z += 16)
            {
                for (int y = 0; y < shape[1]; y += 64)
                {
                    for (int x = 0; x < shape[2]; x += 64)
                    {
                        // Gather one block as a block read would, then count it into its own table.
                        int count = 0;
                        for (int bz = z; bz < Math.Min(z + 16, shape[0]); bz++)
                        {
                            for (int by = y; by < Math.Min(y + 64, shape[1]); by++)
                            {
                                int start = (bz * plane) + (by * shape[2]) + x, length = Math.Min(64, shape[2] - x);
                                truth.AsSpan(start, length).CopyTo(truthBlock.AsSpan(count));
                                segmentation.AsSpan(start, length).CopyTo(segmentBlock.AsSpan(count));
                                count += length;
                            }
                        }

                        var table = new ContingencyTable();
                        table.Add(segmentBlock.AsSpan(0, count), truthBlock.AsSpan(0, count));
                        merged.Merge(table);
                    }
                }
            }

            results = EvaluationResults.From(merged, ignoreBackground: true, blocks: 0);
        });

        string directory = Path.Combine(settings.WorkDirectory, "evaluate");
        Directory.CreateDirectory(directory);
        string truthFile = Path.Combine(directory, "truth.bin"), segmentationFile = Path.Combine(directory, "segmentation.bin");
        File.WriteAllBytes(truthFile, MemoryMarshal.AsBytes(truth.AsSpan()).ToArray());
        File.WriteAllBytes(segmentationFile, MemoryMarshal.AsBytes(segmentation.AsSpan()).ToArray());
        var peer = PythonPeer.Run("evaluate_peer.py", new JsonObject
        {
            ["truth"] = truthFile, ["segmentation"] = segmentationFile, ["repeats"] = settings.Repeats,
        }, TimeSpan.FromMinutes(10));
        Directory.Delete(directory, recursive: true);
        var scores = peer["scores"]!.AsArray().Select(s => s!.GetValue<double>()).ToArray();
        double[] mine = [results.VoiSplit, results.VoiMerge, results.AdaptedRandError];
        for (int i = 0; i < 3; i++)
        {
            if (Math.Abs(scores[i] - mine[i]) > 1e-9)
            {
                throw new InvalidOperationException($"{Name}: scores [{string.Join(", ", mine)}] differ from skimage's [{string.Join(", ", scores)}]");
            }
        }

        double mega = truth.Length / 1e6;
        double peerSeconds = peer["seconds"]!.GetValue<double>();
        Console.Error.WriteLine($"  {mega:0.0} Mvoxels, {results.Pairs} label pairs: ours {ours:0.000} s, skimage {peerSeconds:0.000} s (processor time)");
        return [new BenchmarkResult("evaluate VOI + adapted Rand, blocks of 16×64×64, 1 core", "Mvox/s", mega / ours, mega / peerSeconds, peer["peer_name"]!.GetValue<string>())];
    }
}
