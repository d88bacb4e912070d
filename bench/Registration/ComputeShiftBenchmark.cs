using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Volara.Bench.Peer;
using Volara.Bench.Segmentation;
using Volara.Runtime.Registration;
using Volara.Runtime.Synthetic;

namespace Volara.Bench.Registration;

/// <summary>
/// ComputeShift's per-block work on one core: phase cross-correlation with upsample factor 3 of every moving channel
/// against channel 0, block by block, on a textured volume with sub-voxel channel shifts, against scikit-image's
/// <c>phase_cross_correlation</c> on the same blocks. Processor time (Mvox/s of moving-channel voxels); the shifts must agree.
/// </summary>
public sealed class ComputeShiftBenchmark : IBenchmark
{
    public string Name => "registration compute_shift";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [48, 96, 96] : [96, 192, 192];
        int[] block = [48, 48, 48];
        double[][] moves = [[0, 0, 0], [1.3333, -2, 0.6667], [-0.6667, 1, 2.3333]];
        var data = ShiftedBlobs.Create(shape, moves, sigma: 0.8, seed: 3);
        // Whole blocks only: the shape is a multiple of the block.
        var regions = BlockCutter.Regions(shape, block, [0, 0, 0]);
        int[][] boxes = [.. regions.Select(r => new[] { r.ReadStart[0], r.ReadStart[1], r.ReadStart[2], r.ReadStart[0] + r.ReadShape[0], r.ReadStart[1] + r.ReadShape[1], r.ReadStart[2] + r.ReadShape[2] })];
        int blockVoxels = block[0] * block[1] * block[2];
        var blocks = new float[moves.Length][][];
        for (int c = 0; c < moves.Length; c++)
        {
            blocks[c] = new float[regions.Count][];
        }

        for (int b = 0; b < regions.Count; b++)
        {
            var channels = BlockCutter.Read(data, moves.Length, shape, regions[b]);
            for (int c = 0; c < moves.Length; c++)
            {
                blocks[c][b] = channels[(c * blockVoxels)..((c + 1) * blockVoxels)];
            }
        }

        // ComputeShift registers all moving channels of a block in one call (they share the reference's spectrum).
        int moving = moves.Length - 1;
        var stacks = new float[regions.Count][];
        for (int b = 0; b < regions.Count; b++)
        {
            stacks[b] = [.. blocks.Skip(1).SelectMany(channel => channel[b])];
        }

        var estimates = new double[regions.Count * moving * 3];
        double ours = CpuTiming.BestSeconds(settings.Repeats, () =>
        {
            for (int b = 0; b < regions.Count; b++)
            {
                PhaseCrossCorrelation.Estimate(blocks[0][b], stacks[b], block, 3, estimates.AsSpan(b * moving * 3, moving * 3));
            }
        });
        double[][] shifts = [.. estimates.Chunk(3)];

        string directory = Path.Combine(settings.WorkDirectory, "compute-shift");
        Directory.CreateDirectory(directory);
        string dataFile = Path.Combine(directory, "data.bin");
        File.WriteAllBytes(dataFile, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());
        var peer = PythonPeer.Run("registration_peer.py", new JsonObject
        {
            ["mode"] = "compute",
            ["data"] = dataFile,
            ["channels"] = moves.Length,
            ["shape"] = new JsonArray([.. shape.Select(n => JsonValue.Create(n))]),
            ["blocks"] = new JsonArray([.. boxes.Select(box => new JsonArray([.. box.Select(n => JsonValue.Create(n))]))]),
            ["ours"] = new JsonArray([.. shifts.Select(shift => new JsonArray([.. shift.Select(s => JsonValue.Create(s))]))]),
            ["repeats"] = settings.Repeats,
        }, TimeSpan.FromMinutes(10));
        Directory.Delete(directory, recursive: true);
        int equal = peer["equal"]!.GetValue<int>();
        if (equal != shifts.Length)
        {
            throw new InvalidOperationException($"{Name}: {shifts.Length - equal} of {shifts.Length} shifts differ from scikit-image's");
        }

        double peerSeconds = peer["seconds"]!.GetValue<double>();
        double mega = shifts.Length * (double)blockVoxels / 1e6;
        Console.Error.WriteLine($"  {boxes.Length} blocks of {block[0]}³ × {moves.Length - 1} channels: ours {ours:0.000} s, skimage {peerSeconds:0.000} s (processor time); all shifts equal");
        return [new BenchmarkResult($"compute_shift, {block[0]}³ blocks, upsample 3, 1 core", "Mvox/s", mega / ours, mega / peerSeconds, peer["peer_name"]!.GetValue<string>())];
    }
}
