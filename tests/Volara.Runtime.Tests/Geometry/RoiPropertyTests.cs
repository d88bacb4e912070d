using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Geometry;

/// <summary>Random small 2-D Rois checked against point-set reference computations.</summary>
public class RoiPropertyTests
{
    private const int Trials = 400;

    private static Roi RandomRoi(Random random) =>
        new(new Coordinate(random.Next(-6, 6), random.Next(-6, 6)), new Coordinate(random.Next(-1, 7), random.Next(-1, 7)));

    private static HashSet<(long, long)> Points(Roi roi)
    {
        var points = new HashSet<(long, long)>();
        for (var y = roi.Offset.ValueAt(0); y < roi.End.ValueAt(0); y++)
        {
            for (var x = roi.Offset.ValueAt(1); x < roi.End.ValueAt(1); x++)
            {
                points.Add((y, x));
            }
        }

        return points;
    }

    [Fact]
    public void IntersectIsThePointSetIntersection()
    {
        var random = new Random(11);
        for (var i = 0; i < Trials; i++)
        {
            var a = RandomRoi(random);
            var b = RandomRoi(random);
            var expected = Points(a);
            expected.IntersectWith(Points(b));
            var actual = a.Intersect(b);
            Assert.Equal(expected.Count > 0, a.Intersects(b));
            if (expected.Count == 0)
            {
                Assert.True(actual.Empty, $"{a} ∩ {b} = {actual}");
            }
            else
            {
                Assert.True(expected.SetEquals(Points(actual)), $"{a} ∩ {b} = {actual}");
            }
        }
    }

    [Fact]
    public void UnionIsTheBoundingBox()
    {
        var random = new Random(12);
        for (var i = 0; i < Trials; i++)
        {
            var a = RandomRoi(random);
            var b = RandomRoi(random);
            var union = a.Union(b);
            if (a.Empty || b.Empty)
            {
                Assert.Equal(a.Empty ? b : a, union);
                continue;
            }

            var all = Points(a);
            all.UnionWith(Points(b));
            Assert.Equal(all.Min(p => p.Item1), union.Offset.ValueAt(0));
            Assert.Equal(all.Min(p => p.Item2), union.Offset.ValueAt(1));
            Assert.Equal(all.Max(p => p.Item1) + 1, union.End.ValueAt(0));
            Assert.Equal(all.Max(p => p.Item2) + 1, union.End.ValueAt(1));
        }
    }

    [Fact]
    public void ContainsIsPointSetInclusionForNonEmptyRois()
    {
        var random = new Random(13);
        for (var i = 0; i < Trials; i++)
        {
            var a = RandomRoi(random);
            var b = RandomRoi(random);
            if (b.Empty)
            {
                continue;
            }

            Assert.Equal(Points(b).IsSubsetOf(Points(a)), a.Contains(b));
            var point = new Coordinate(random.Next(-8, 8), random.Next(-8, 8));
            Assert.Equal(Points(a).Contains((point.ValueAt(0), point.ValueAt(1))), a.Contains(point));
        }
    }

    [Fact]
    public void SnapMatchesRealArithmetic()
    {
        var random = new Random(14);
        for (var i = 0; i < Trials; i++)
        {
            var roi = RandomRoi(random);
            var voxel = new Coordinate(random.Next(1, 5), random.Next(1, 5));
            foreach (var mode in new[] { SnapMode.Grow, SnapMode.Shrink, SnapMode.Closest })
            {
                var snapped = roi.SnapToGrid(voxel, mode);
                for (var d = 0; d < 2; d++)
                {
                    double v = voxel.ValueAt(d);
                    double b = roi.Begin.ValueAt(d) / v;
                    double e = roi.End.ValueAt(d) / v;
                    (double begin, double end) = mode switch
                    {
                        SnapMode.Grow => (Math.Floor(b), Math.Ceiling(e)),
                        SnapMode.Shrink => (Math.Ceiling(b), Math.Floor(e)),
                        _ => (Math.Ceiling(b - 0.5), Math.Ceiling(e - 0.5)),
                    };
                    Assert.Equal((long)(begin * v), snapped.Begin.ValueAt(d));
                    Assert.Equal((long)(end * v), snapped.End.ValueAt(d));
                }

                if (mode == SnapMode.Grow && !roi.Empty)
                {
                    Assert.True(snapped.Contains(roi));
                }
            }
        }
    }
}
