using Volara.Runtime.Geometry;

namespace Volara.Bench.Segmentation;

/// <summary>
/// The straightforward way to score fragment edges: every voxel, every channel, neighbour by coordinates, a
/// dictionary of (u, v) → per-channel (sum, count); then pooled means per score. The peer of the AffAgglom benchmark.
/// </summary>
public static class NaiveAffAgglom
{
    public static Dictionary<(ulong, ulong), double[]> Score(byte[] affs, ulong[] frags, int[] shape, Coordinate[] offsets, int[][] groups)
    {
        int voxels = frags.Length;
        var samples = new Dictionary<(ulong, ulong), (double[] Sums, long[] Counts)>();
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++)
                {
                    int p = (((z * shape[1]) + y) * shape[2]) + x;
                    for (int k = 0; k < offsets.Length; k++)
                    {
                        long nz = z + offsets[k].ValueAt(0), ny = y + offsets[k].ValueAt(1), nx = x + offsets[k].ValueAt(2);
                        if (nz < 0 || ny < 0 || nx < 0 || nz >= shape[0] || ny >= shape[1] || nx >= shape[2])
                        {
                            continue;
                        }

                        ulong a = frags[p], b = frags[(((nz * shape[1]) + ny) * shape[2]) + nx];
                        if (a == b || a == 0 || b == 0)
                        {
                            continue;
                        }

                        var key = (Math.Min(a, b), Math.Max(a, b));
                        if (!samples.TryGetValue(key, out var entry))
                        {
                            entry = (new double[offsets.Length], new long[offsets.Length]);
                            samples[key] = entry;
                        }

                        entry.Sums[k] += affs[(k * voxels) + p] / 255.0;
                        entry.Counts[k]++;
                    }
                }
            }
        }

        var scores = new Dictionary<(ulong, ulong), double[]>(samples.Count);
        foreach (var (key, (sums, counts)) in samples)
        {
            var values = new double[groups.Length];
            for (int g = 0; g < groups.Length; g++)
            {
                double sum = 0;
                long count = 0;
                foreach (int k in groups[g])
                {
                    sum += sums[k];
                    count += counts[k];
                }

                values[g] = count > 0 ? sum / count : double.NaN;
            }

            scores[key] = values;
        }

        return scores;
    }
}
