using Volara.Runtime.Segmentation;

namespace Volara.Bench.Segmentation;

/// <summary>
/// Mutex watershed throughput (Mvox/s on one thread, so per core) on CREMI-like uint8 affinities with 9 offsets
/// and randomized strides, against a straightforward implementation with the same semantics; the two
/// segmentations must be identical. Also the float32 path on the same values, and the 3 direct offsets alone.
/// </summary>
public sealed class MutexWatershedBenchmark : IBenchmark
{
    private const ulong StrideSeed = 12345;

    public string Name => "segmentation mutex watershed";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        var volume = settings.Quick ? CremiLikeVolume.Create(20, 256, 256, 100, 7) : CremiLikeVolume.Create(40, 384, 384, 300, 7);
        int n = volume.Voxels;
        var options = new MutexWatershedOptions { Strides = CremiLikeVolume.Strides, RandomizedStrides = true, RandomSeed = StrideSeed };
        var labels = new ulong[n];

        double ours = Timing.BestSeconds(settings.Repeats, () =>
            MutexWatershed.Agglomerate(volume.Affinities, volume.Shape, CremiLikeVolume.Offsets, CremiLikeVolume.Bias, labels, default, options));
        ulong[] peerLabels = [];
        double peer = Timing.BestSeconds(Math.Min(settings.Repeats, 2), () =>
            peerLabels = StraightforwardMutexWatershed.Run(volume.Affinities, volume.Shape, CremiLikeVolume.Offsets, CremiLikeVolume.Bias, CremiLikeVolume.Strides, true, StrideSeed));
        if (!peerLabels.AsSpan().SequenceEqual(labels))
        {
            throw new InvalidOperationException($"{Name}: the segmentation differs from the straightforward implementation's");
        }

        var floats = new float[volume.Affinities.Length];
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = volume.Affinities[i] / 255f;
        }

        var floatLabels = new ulong[n];
        double oursFloat = Timing.BestSeconds(settings.Repeats, () =>
            MutexWatershed.Agglomerate(floats, volume.Shape, CremiLikeVolume.Offsets, CremiLikeVolume.Bias, floatLabels, default, options));
        if (!floatLabels.AsSpan().SequenceEqual(labels))
        {
            throw new InvalidOperationException($"{Name}: the float32 path differs from the uint8 path");
        }

        var direct = CremiLikeVolume.Offsets.Take(3).ToList();
        var directOptions = new MutexWatershedOptions { Strides = CremiLikeVolume.Strides.Take(3).ToList() };
        var directAffinities = volume.Affinities.AsMemory(0, 3 * n);
        double oursDirect = Timing.BestSeconds(settings.Repeats, () =>
            MutexWatershed.Agglomerate(directAffinities.Span, volume.Shape, direct, CremiLikeVolume.Bias.AsSpan(0, 3), labels, default, directOptions));
        double peerDirect = Timing.BestSeconds(Math.Min(settings.Repeats, 2), () =>
            StraightforwardMutexWatershed.Run(volume.Affinities, volume.Shape, direct, CremiLikeVolume.Bias, directOptions.Strides, false, 0));

        string size = $"{volume.Shape[0]}×{volume.Shape[1]}×{volume.Shape[2]}";
        Console.Error.WriteLine($"  {size}: {labels.Distinct().Count()} segments (direct offsets), {volume.Truth.Distinct().Count()} cells; {Environment.ProcessorCount} cores; server GC off");
        double mvox = n / 1e6;
        return
        [
            new BenchmarkResult($"mws uint8 9 offsets randomized strides {size} (1 thread)", "Mvox/s", mvox / ours, mvox / peer, "straightforward C#"),
            new BenchmarkResult($"mws float32 9 offsets randomized strides {size} (1 thread)", "Mvox/s", mvox / oursFloat, mvox / peer, "straightforward C#"),
            new BenchmarkResult($"mws uint8 3 direct offsets {size} (1 thread)", "Mvox/s", mvox / oursDirect, mvox / peerDirect, "straightforward C#"),
        ];
    }
}
