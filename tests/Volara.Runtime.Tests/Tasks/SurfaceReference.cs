namespace Volara.Runtime.Tests.Tasks;

/// <summary>
/// Brute-force DistanceAgglom proximity for tests: surface voxels by the definition (non-zero Laplacian with
/// reflected borders, label ≠ 0), then every pair of surface voxels with different labels.
/// </summary>
internal static class SurfaceReference
{
    public static SortedDictionary<(ulong, ulong), double> ClosePairs(ulong[] labels, int[] shape, double[] voxelSize, double threshold)
    {
        int dims = shape.Length;
        var surface = new List<int[]>();
        foreach (var index in Indices(shape))
        {
            ulong label = labels[Linear(index, shape)];
            if (label == 0)
            {
                continue;
            }

            ulong laplacian = 0;
            for (int d = 0; d < dims; d++)
            {
                var before = (int[])index.Clone();
                var after = (int[])index.Clone();
                before[d] = Math.Max(0, index[d] - 1);
                after[d] = Math.Min(shape[d] - 1, index[d] + 1);
                laplacian = unchecked(laplacian + labels[Linear(before, shape)] + labels[Linear(after, shape)] - (2 * label));
            }

            if (laplacian != 0)
            {
                surface.Add(index);
            }
        }

        var pairs = new SortedDictionary<(ulong, ulong), double>();
        for (int i = 0; i < surface.Count; i++)
        {
            for (int j = i + 1; j < surface.Count; j++)
            {
                ulong a = labels[Linear(surface[i], shape)], b = labels[Linear(surface[j], shape)];
                if (a == b)
                {
                    continue;
                }

                double squared = 0;
                for (int d = 0; d < dims; d++)
                {
                    double world = (surface[j][d] - surface[i][d]) * voxelSize[d];
                    squared += world * world;
                }

                double distance = Math.Sqrt(squared);
                var key = (Math.Min(a, b), Math.Max(a, b));
                if (distance <= threshold && (!pairs.TryGetValue(key, out double best) || distance < best))
                {
                    pairs[key] = distance;
                }
            }
        }

        return pairs;
    }

    public static int Linear(int[] index, int[] shape)
    {
        int linear = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            linear = (linear * shape[d]) + index[d];
        }

        return linear;
    }

    public static IEnumerable<int[]> Indices(int[] shape)
    {
        var index = new int[shape.Length];
        int count = shape.Aggregate(1, (a, b) => a * b);
        for (int i = 0; i < count; i++)
        {
            yield return (int[])index.Clone();
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }
    }
}
