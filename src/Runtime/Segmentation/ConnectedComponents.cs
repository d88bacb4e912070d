using Volara.Runtime.Memory;

namespace Volara.Runtime.Segmentation;

/// <summary>Connected components of a label volume (skimage.measure.label semantics with background 0).</summary>
public static class ConnectedComponents
{
    /// <summary>
    /// Relabels every connected region of equal non-zero value to 1..n, numbered in C order of each region's first
    /// voxel; 0 stays 0. Fragments that touch keep apart (different values), a fragment split in pieces gets one id
    /// per piece. <paramref name="output"/> may be the same memory as <paramref name="labels"/>.
    /// </summary>
    /// <returns>n, the number of components.</returns>
    public static int Relabel(ReadOnlySpan<ulong> labels, ReadOnlySpan<int> shape, Connectivity connectivity, Span<ulong> output)
    {
        var grid = new GridGeometry(shape, NeighbourOffsets(shape.Length, connectivity), null);
        if (labels.Length != grid.Voxels || output.Length != grid.Voxels)
        {
            throw new ArgumentException($"labels ({labels.Length}) and output ({output.Length}) must both hold the {grid.Voxels} voxels of the shape");
        }

        // Union-find whose root is always the smallest index of its component, i.e. its first voxel in C order.
        using var parentBuffer = ScratchMemory.Rent<int>(grid.Voxels);
        var parent = parentBuffer.Span;
        for (int p = 0; p < parent.Length; p++)
        {
            parent[p] = p;
        }

        // The row neighbour first: afterwards every run of equal labels along x is one set, which lets the other
        // offsets skip a voxel whose pair repeats the previous voxel's pair (same label on both sides of both pairs).
        int rowChannel = RowNeighbourChannel(grid);
        JoinChannel(grid, rowChannel, labels, parent, skipRepeats: false);
        for (int k = 0; k < grid.Channels; k++)
        {
            if (k != rowChannel)
            {
                JoinChannel(grid, k, labels, parent, skipRepeats: rowChannel >= 0);
            }
        }

        // Roots precede their members in C order, so a member's root is numbered by the time the member is reached.
        using var idsBuffer = ScratchMemory.Rent<int>(grid.Voxels);
        var ids = idsBuffer.Span;
        int count = 0;
        for (int p = 0; p < ids.Length; p++)
        {
            if (labels[p] == 0)
            {
                output[p] = 0;
                continue;
            }

            int root = Find(parent, p);
            ids[p] = root == p ? ++count : ids[root];
            output[p] = (ulong)ids[p];
        }

        return count;
    }

    /// <summary>The neighbours that precede a voxel in C order: one per axis (face) or half of the 3^d − 1 (full).</summary>
    private static List<Geometry.Coordinate> NeighbourOffsets(int dims, Connectivity connectivity)
    {
        var offsets = new List<Geometry.Coordinate>();
        if (dims < 1 || dims > Geometry.Coordinate.MaxDims)
        {
            return offsets; // the geometry reports the bad shape
        }

        int total = 1;
        for (int d = 0; d < dims; d++)
        {
            total *= 3;
        }

        var offset = new long[dims];
        for (int code = 0; code < total; code++)
        {
            int rest = code, nonZero = 0, firstNonZero = 0;
            for (int d = dims - 1; d >= 0; d--)
            {
                offset[d] = (rest % 3) - 1;
                rest /= 3;
            }

            for (int d = dims - 1; d >= 0; d--)
            {
                if (offset[d] != 0)
                {
                    nonZero++;
                    firstNonZero = (int)offset[d];
                }
            }

            // Keep the lexicographically negative half (first non-zero element −1): the already visited neighbours.
            if (nonZero == 0 || firstNonZero != -1 || (connectivity == Connectivity.Face && nonZero != 1))
            {
                continue;
            }

            offsets.Add(new Geometry.Coordinate(offset));
        }

        return offsets;
    }

    private static int Find(Span<int> parent, int x)
    {
        while (parent[x] != x)
        {
            int g = parent[parent[x]];
            parent[x] = g;
            x = g;
        }

        return x;
    }

    /// <summary>The channel whose offset is −1 along the last axis only (the previous voxel of a row), or −1.</summary>
    private static int RowNeighbourChannel(GridGeometry grid)
    {
        for (int k = 0; k < grid.Channels; k++)
        {
            if (grid.Deltas[k] == -1 && grid.Offsets[k][grid.Dims - 1] == -1)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// Unites every voxel p with p + delta of channel <paramref name="k"/> when both hold the same non-zero label.
    /// With <paramref name="skipRepeats"/>, p is skipped when p − 1 was visited in this row and both p, p − 1 and
    /// p + delta, p + delta − 1 hold equal labels: the row pass already joined each of those pairs and p − 1's pair
    /// joined the two runs, so the union would change nothing.
    /// </summary>
    private static void JoinChannel(GridGeometry grid, int k, ReadOnlySpan<ulong> labels, Span<int> parent, bool skipRepeats)
    {
        if (k < 0)
        {
            return;
        }

        int delta = grid.Deltas[k];
        var rows = new GridRows(grid, k, everyPosition: true);
        int first = rows.First, end = rows.End;
        while (rows.MoveNext())
        {
            int start = rows.Start + first, last = rows.Start + end;
            for (int p = start; p < last; p++)
            {
                ulong label = labels[p];
                if (label == 0 || label != labels[p + delta])
                {
                    continue;
                }

                if (skipRepeats && p > start && labels[p - 1] == label && labels[p + delta - 1] == label)
                {
                    continue;
                }

                int a = Find(parent, p), b = Find(parent, p + delta);
                if (a != b)
                {
                    // The smaller index stays root, so every root is its component's first voxel.
                    if (a < b)
                    {
                        parent[b] = a;
                    }
                    else
                    {
                        parent[a] = b;
                    }
                }
            }
        }
    }
}
