using Volara.Runtime.Tasks.Kernels;

namespace Volara.Bench.Segmentation;

/// <summary>
/// AffAgglom's per-block scoring on one core over a CREMI-like uint8 volume (9 offsets; scores adj = direct
/// offsets, lr = long range; blocks 16×128×128 with AffAgglom's CREMI context 3×6×6), against the straightforward
/// scan of <see cref="NaiveAffAgglom"/> on the same blocks, in processor seconds of the one thread
/// (<see cref="ThreadCpuClock"/>: neither the runtime's JIT and GC threads nor scheduler-tick rounding count). Both
/// must find the same edges and scores.
/// </summary>
public sealed class AffAgglomBenchmark : IBenchmark
{
    private static readonly int[][] Groups = [[0, 1, 2], [3, 4, 5, 6, 7, 8]];

    public string Name => "segmentation aff-agglom";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [32, 256, 256] : [64, 384, 384];
        var volume = new AgglomerationVolume(shape, seed: 11);
        var regions = BlockCutter.Regions(shape, [16, 128, 128], [3, 6, 6]);
        var blocks = regions.Select(region => (
            Region: region,
            Affs: BlockCutter.Read(volume.Affinities, AgglomerationVolume.Offsets.Length, shape, region),
            Frags: BlockCutter.Read(volume.Fragments, 1, shape, region))).ToList();
        long voxels = (long)shape[0] * shape[1] * shape[2];

        var ours = new List<FragmentEdges>();
        double oursSeconds = ThreadCpuClock.BestSeconds(settings.Repeats * 3, () =>
        {
            ours.Clear();
            foreach (var block in blocks)
            {
                ours.Add(AffAgglomKernel.Score<byte>(block.Affs, block.Frags, new VoxelGrid(block.Region.ReadShape), AgglomerationVolume.Offsets, Groups, 1.0 / 255));
            }
        });

        var peer = new List<Dictionary<(ulong, ulong), double[]>>();
        double peerSeconds = ThreadCpuClock.BestSeconds(Math.Min(settings.Repeats, 2), () =>
        {
            peer.Clear();
            foreach (var block in blocks)
            {
                peer.Add(NaiveAffAgglom.Score(block.Affs, block.Frags, block.Region.ReadShape, AgglomerationVolume.Offsets, Groups));
            }
        });

        long edges = Compare(ours, peer);
        Console.Error.WriteLine($"  {voxels / 1e6:0.0} Mvox in {blocks.Count} blocks, {edges} edges: ours {oursSeconds:0.000} s, naive {peerSeconds:0.000} s");
        return
        [
            new BenchmarkResult("aff-agglom scoring, 1 core, uint8, 9 offsets", "Mvox/s", voxels / 1e6 / oursSeconds, voxels / 1e6 / peerSeconds, "naive C# scan"),
        ];
    }

    private long Compare(List<FragmentEdges> ours, List<Dictionary<(ulong, ulong), double[]>> peer)
    {
        long edges = 0;
        for (int b = 0; b < ours.Count; b++)
        {
            if (ours[b].Count != peer[b].Count)
            {
                throw new InvalidOperationException($"{Name}: block {b} has {ours[b].Count} edges, the naive scan {peer[b].Count}");
            }

            for (int e = 0; e < ours[b].Count; e++)
            {
                var expected = peer[b][(ours[b].U(e), ours[b].V(e))];
                for (int g = 0; g < Groups.Length; g++)
                {
                    double value = ours[b].Score(e, g);
                    if (!(double.IsNaN(value) && double.IsNaN(expected[g])) && Math.Abs(value - expected[g]) > 1e-9)
                    {
                        throw new InvalidOperationException($"{Name}: edge ({ours[b].U(e)}, {ours[b].V(e)}) score {g} is {value}, the naive scan says {expected[g]}");
                    }
                }
            }

            edges += ours[b].Count;
        }

        return edges;
    }
}
