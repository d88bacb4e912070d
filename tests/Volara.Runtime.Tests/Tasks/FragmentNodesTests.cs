using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tests.Tasks;

public sealed class FragmentNodesTests
{
    [Fact]
    public void CentroidsAreTruncatedMeanVoxelIndices()
    {
        // [:5,:5] = 1 (25 voxels), [6:8,2:4] = 2 (4 voxels, centroid (6.5, 2.5) -> (6, 2)).
        var labels = new ulong[100];
        for (int row = 0; row < 10; row++)
        {
            for (int col = 0; col < 10; col++)
            {
                labels[(row * 10) + col] = row < 5 && col < 5 ? 1UL : row is 6 or 7 && col is 2 or 3 ? 2UL : 0UL;
            }
        }

        var nodes = FragmentNodes.Measure(labels, new VoxelGrid([10, 10]), 2, 1000);

        Assert.Equal([1001UL, 1002UL], nodes.Ids);
        Assert.Equal([25L, 4L], nodes.Sizes);
        Assert.Equal((2L, 2L), (nodes.Centroid(0, 0), nodes.Centroid(0, 1)));
        Assert.Equal((6L, 2L), (nodes.Centroid(1, 0), nodes.Centroid(1, 1)));
    }

    [Fact]
    public void MatchesAReferenceOnRandom3DLabels()
    {
        var random = new Random(5);
        int[] shape = [6, 9, 12];
        var labels = new ulong[6 * 9 * 12];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (ulong)random.Next(0, 8);
        }

        var nodes = FragmentNodes.Measure(labels, new VoxelGrid(shape), 7, 0);

        for (int label = 1; label <= 7; label++)
        {
            var voxels = Enumerable.Range(0, labels.Length).Where(i => labels[i] == (ulong)label).ToList();
            Assert.Equal(voxels.Count, nodes.Sizes[label - 1]);
            double[] mean =
            [
                voxels.Average(i => i / (9 * 12)),
                voxels.Average(i => i / 12 % 9),
                voxels.Average(i => i % 12),
            ];
            for (int d = 0; d < 3; d++)
            {
                Assert.Equal((long)mean[d], nodes.Centroid(label - 1, d));
            }
        }
    }

    [Fact]
    public void CropCopiesTheWriteRegion()
    {
        var source = Enumerable.Range(0, 4 * 5 * 6).Select(i => (ulong)i).ToArray();
        var target = new ulong[2 * 3 * 2];
        ExtractFragsKernel.Crop(source, new VoxelGrid([4, 5, 6]), [1, 2, 3], new VoxelGrid([2, 3, 2]), target);

        int at = 0;
        for (int z = 1; z < 3; z++)
        {
            for (int y = 2; y < 5; y++)
            {
                for (int x = 3; x < 5; x++)
                {
                    Assert.Equal((ulong)((z * 30) + (y * 6) + x), target[at++]);
                }
            }
        }
    }
}
