using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Volara.Bench.Peer;
using Volara.Runtime.Luts;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Relabel's per-block work on one core: CREMI-like fragments (anisotropic Voronoi cells of 3×20×20 voxels) mapped through a LUT that merges them into segments
/// (ids scattered over the 64-bit range, plus ids the LUT does not list), with <see cref="LutLookup"/>, against
/// numpy's sorted-mapping relabel (volara's <c>replace_values_sorted</c>) and a straightforward C# dictionary
/// lookup per voxel. Processor time; all three results must be equal.
/// </summary>
public sealed class RelabelBenchmark : IBenchmark
{
    public string Name => "segmentation relabel";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        int[] shape = settings.Quick ? [32, 256, 256] : [64, 512, 512];
        var random = new Random(5);
        // Scatter fragment ids over the 64-bit range as ExtractFrags' block offsets do.
        var scattered = new Dictionary<ulong, ulong>();
        var fragments = Runtime.Synthetic.VoronoiLabels.Create([.. shape.Select(s => (long)s)], [3, 20, 20], seed: 5).Labels;
        for (int i = 0; i < fragments.Length; i++)
        {
            ulong id = fragments[i];
            if (!scattered.TryGetValue(id, out var big))
            {
                big = (ulong)random.NextInt64(1, long.MaxValue) * 2;
                scattered[id] = big;
            }

            fragments[i] = big;
        }

        // Nine in ten fragments are listed, in groups of about 8 per segment.
        var listed = scattered.Values.Where(_ => random.Next(10) != 0).ToArray();
        var segments = listed.Select(_ => (ulong)random.Next(1, listed.Length / 8 + 2)).ToArray();
        var lut = new FragmentSegmentLut(listed, segments);
        long voxels = fragments.Length;

        var output = new ulong[voxels];
        var lookup = LutLookup.Build(lut);
        double ours = CpuTiming.BestSeconds(settings.Repeats, () => LutLookup.Build(lut).Map(fragments, output));

        var dictionary = new Dictionary<ulong, ulong>(lut.Count);
        for (int i = 0; i < lut.Count; i++)
        {
            dictionary[listed[i]] = segments[i];
        }

        var reference = new ulong[voxels];
        double dictionarySeconds = CpuTiming.BestSeconds(settings.Repeats, () =>
        {
            for (int i = 0; i < fragments.Length; i++)
            {
                reference[i] = dictionary.TryGetValue(fragments[i], out var segment) ? segment : fragments[i];
            }
        });
        if (!output.AsSpan().SequenceEqual(reference))
        {
            throw new InvalidOperationException($"{Name}: the LUT lookup differs from the dictionary relabel");
        }

        string directory = Path.Combine(settings.WorkDirectory, "relabel");
        Directory.CreateDirectory(directory);
        string fragmentsFile = Path.Combine(directory, "fragments.bin"), lutFile = Path.Combine(directory, "lut.bin"), oursFile = Path.Combine(directory, "ours.bin");
        File.WriteAllBytes(fragmentsFile, MemoryMarshal.AsBytes(fragments.AsSpan()).ToArray());
        File.WriteAllBytes(lutFile, [.. MemoryMarshal.AsBytes(listed.AsSpan()), .. MemoryMarshal.AsBytes(segments.AsSpan())]);
        File.WriteAllBytes(oursFile, MemoryMarshal.AsBytes(output.AsSpan()).ToArray());
        var peer = PythonPeer.Run("relabel_peer.py", new JsonObject
        {
            ["fragments"] = fragmentsFile, ["lut"] = lutFile, ["ours"] = oursFile, ["repeats"] = settings.Repeats,
        }, TimeSpan.FromMinutes(10));
        Directory.Delete(directory, recursive: true);
        if (peer["equal"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"{Name}: our relabel differs from numpy's");
        }

        double mega = voxels / 1e6;
        Console.Error.WriteLine($"  {mega:0.0} Mvoxels, {lookup.Count} LUT entries: ours {ours:0.000} s, dictionary {dictionarySeconds:0.000} s, numpy {peer["seconds"]!.GetValue<double>():0.000} s (processor time)");
        return
        [
            new BenchmarkResult("relabel, LUT hash map, 1 core", "Mvox/s", mega / ours, mega / peer["seconds"]!.GetValue<double>(), peer["peer_name"]!.GetValue<string>()),
            new BenchmarkResult("relabel, LUT hash map, 1 core", "Mvox/s", mega / ours, mega / dictionarySeconds, "C# Dictionary per voxel"),
        ];
    }
}
