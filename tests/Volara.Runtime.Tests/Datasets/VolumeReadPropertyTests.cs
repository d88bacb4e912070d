using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Datasets;

/// <summary>Random index-op chains and random (partly outside) ROIs against the naive reference.</summary>
public class VolumeReadPropertyTests
{
    [Fact]
    public void RandomSelectionsFlipsAndRoisMatchTheReference()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 150; trial++)
        {
            long[] shape = [random.Next(2, 5), random.Next(1, 6), random.Next(1, 6)];
            var reference = NdReference.Arange(shape);
            var array = VolumeArrayTests.InMemory(reference.Data.Select(v => (int)v).ToArray(), shape,
                """{"types": ["channel", "space", "space"], "voxel_size": [2, 3], "offset": [4, -3]}""");

            var ops = new List<DatasetOp>();
            var expected = reference;
            if (random.Next(2) == 0)
            {
                var picks = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (long)random.Next((int)shape[0])).ToArray();
                ops.Add(new SelectChannels(ChannelSelector.Take(picks)));
                expected = expected.Take(picks);
            }

            foreach (var axis in Enumerable.Range(0, 3).Where(_ => random.Next(2) == 0))
            {
                ops.Add(new ReverseAxes(axis));
                expected = expected.Reverse(axis);
            }

            var view = array.WithOps([.. ops]);
            long z0 = random.Next(-3, (int)expected.Shape[1] + 1), y0 = random.Next(-3, (int)expected.Shape[2] + 1);
            long depth = random.Next(0, 5), width = random.Next(0, 5);
            var roi = new Roi(new Coordinate(4 + (2 * z0), -3 + (3 * y0)), new Coordinate(2 * depth, 3 * width));
            var actual = view.Read<int>(roi).ToArray();

            var want = new List<int>();
            for (var c = 0; c < expected.Shape[0]; c++)
            {
                for (var z = z0; z < z0 + depth; z++)
                {
                    for (var y = y0; y < y0 + width; y++)
                    {
                        var inside = z >= 0 && z < expected.Shape[1] && y >= 0 && y < expected.Shape[2];
                        want.Add(inside ? (int)expected.Data[(((c * expected.Shape[1]) + z) * expected.Shape[2]) + y] : 0);
                    }
                }
            }

            Assert.True(want.SequenceEqual(actual), $"trial {trial}: ops [{string.Join(", ", ops)}], roi {roi}");
        }
    }
}
