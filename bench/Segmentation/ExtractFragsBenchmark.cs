using Volara.Runtime.Tasks.Kernels;

namespace Volara.Bench.Segmentation;

/// <summary>
/// ExtractFrags' per-block work on one core (Mvox/s of written volume, processor time of the one thread) over a
/// CREMI-like uint8 volume: 9 offsets, README biases, CREMI-style randomized strides, remove_debris 64, blocks
/// 16×128×128 with context 4×12×12. Peer: <see cref="StraightforwardExtractFrags"/> on the same blocks; the fragments
/// must be identical.
/// </summary>
public sealed class ExtractFragsBenchmark : IBenchmark
{
    private const long RemoveDebris = 64;

    public string Name => "segmentation extract-frags";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [32, 256, 256] : [48, 384, 384];
        int[] block = [16, 128, 128];
        var volume = new AgglomerationVolume(shape, seed: 5);
        var blocks = BlockCutter.Regions(shape, block, [4, 12, 12]).Select(region => (
            Region: region,
            Affs: BlockCutter.Read(volume.Affinities, AgglomerationVolume.Offsets.Length, shape, region))).ToList();
        ulong idsPerBlock = (ulong)(block[0] * block[1] * block[2]);
        var settingsOfBlock = new ExtractFragsSettings
        {
            Offsets = AgglomerationVolume.Offsets,
            Bias = AgglomerationVolume.Bias,
            Strides = AgglomerationVolume.Strides,
            RandomizedStrides = true,
            RemoveDebris = RemoveDebris,
            IdsPerBlock = idsPerBlock,
        };

        var ours = blocks.Select(b => new ulong[b.Region.WriteVoxels]).ToList();
        long fragments = 0;
        double oursSeconds = CpuTiming.BestSeconds(settings.Repeats, () =>
        {
            fragments = 0;
            for (int i = 0; i < blocks.Count; i++)
            {
                var region = blocks[i].Region;
                fragments += ExtractFragsKernel.Run<byte>(
                    blocks[i].Affs, default, new VoxelGrid(region.ReadShape), region.WriteOffset, new VoxelGrid(region.WriteShape), settingsOfBlock, region.Id, ours[i]).Count;
            }
        });

        var peer = new ulong[blocks.Count][];
        double peerSeconds = CpuTiming.BestSeconds(Math.Min(settings.Repeats, 2), () =>
        {
            for (int i = 0; i < blocks.Count; i++)
            {
                var region = blocks[i].Region;
                peer[i] = StraightforwardExtractFrags.Run(
                    blocks[i].Affs, region, AgglomerationVolume.Offsets, AgglomerationVolume.Bias, AgglomerationVolume.Strides, RemoveDebris,
                    ExtractFragsKernel.BlockSeed(region.Id), region.Id * idsPerBlock).Fragments;
            }
        });

        for (int i = 0; i < blocks.Count; i++)
        {
            if (!peer[i].AsSpan().SequenceEqual(ours[i]))
            {
                throw new InvalidOperationException($"{Name}: block {blocks[i].Region.Id} differs from the straightforward pipeline");
            }
        }

        double voxels = (double)shape[0] * shape[1] * shape[2];
        Console.Error.WriteLine($"  {voxels / 1e6:0.0} Mvox in {blocks.Count} blocks, {fragments} fragments: ours {oursSeconds:0.000} s, straightforward {peerSeconds:0.000} s");
        return
        [
            new BenchmarkResult("extract-frags per block, 1 core, uint8, 9 offsets, randomized strides", "Mvox/s", voxels / 1e6 / oursSeconds, voxels / 1e6 / peerSeconds, "straightforward C# pipeline"),
        ];
    }
}
