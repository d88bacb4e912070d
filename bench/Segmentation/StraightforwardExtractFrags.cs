using Volara.Runtime.Geometry;

namespace Volara.Bench.Segmentation;

/// <summary>
/// The peer of the ExtractFrags benchmark: one block as first written — the straightforward mutex watershed, a
/// dictionary for debris sizes, a breadth-first search for the full-connectivity relabel, a dictionary of node sums.
/// Same seeds and rules as the task, so the fragments must be equal.
/// </summary>
public static class StraightforwardExtractFrags
{
    public static (ulong[] Fragments, int Nodes) Run(byte[] affs, BlockCutter.BlockRegion region, Coordinate[] offsets, double[] bias, Coordinate[] strides, long removeDebris, ulong seed, ulong idBase)
    {
        var labels = StraightforwardMutexWatershed.Run(affs, region.ReadShape, offsets, bias, strides, true, seed);
        var sizes = new Dictionary<ulong, long>();
        foreach (var label in labels)
        {
            sizes[label] = sizes.GetValueOrDefault(label) + 1;
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0 && sizes[labels[i]] < removeDebris)
            {
                labels[i] = 0;
            }
        }

        int[] shape = region.WriteShape;
        var cropped = new ulong[region.WriteVoxels];
        int at = 0;
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++)
                {
                    int rz = z + region.WriteOffset[0], ry = y + region.WriteOffset[1], rx = x + region.WriteOffset[2];
                    cropped[at++] = labels[(((rz * region.ReadShape[1]) + ry) * region.ReadShape[2]) + rx];
                }
            }
        }

        var fragments = new ulong[cropped.Length];
        var queue = new Queue<int>();
        ulong next = 0;
        var centres = new Dictionary<ulong, (long Z, long Y, long X, long Count)>();
        for (int start = 0; start < cropped.Length; start++)
        {
            if (cropped[start] == 0 || fragments[start] != 0)
            {
                continue;
            }

            ulong id = idBase + ++next;
            fragments[start] = id;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                int p = queue.Dequeue();
                int pz = p / (shape[1] * shape[2]), py = p / shape[2] % shape[1], px = p % shape[2];
                var centre = centres.GetValueOrDefault(id);
                centres[id] = (centre.Z + pz, centre.Y + py, centre.X + px, centre.Count + 1);
                for (int dz = -1; dz <= 1; dz++)
                {
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int qz = pz + dz, qy = py + dy, qx = px + dx;
                            if (qz < 0 || qy < 0 || qx < 0 || qz >= shape[0] || qy >= shape[1] || qx >= shape[2])
                            {
                                continue;
                            }

                            int q = (((qz * shape[1]) + qy) * shape[2]) + qx;
                            if (fragments[q] == 0 && cropped[q] == cropped[p])
                            {
                                fragments[q] = id;
                                queue.Enqueue(q);
                            }
                        }
                    }
                }
            }
        }

        return (fragments, centres.Count);
    }
}
