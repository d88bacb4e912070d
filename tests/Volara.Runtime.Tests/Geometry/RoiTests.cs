using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Geometry;

public class RoiTests
{
    private static Coordinate C(params long?[] values) => new(values.AsSpan());

    private static Roi R(long?[] offset, long?[] shape) => new(C(offset), C(shape));

    private static Roi Cube(long offset, long shape) => new(new Coordinate(offset, offset, offset), new Coordinate(shape, shape, shape));

    [Fact]
    public void Squeeze()
    {
        var roi = new Roi(new Coordinate(1, 2, 3), new Coordinate(4, 5, 6));
        Assert.Equal(new Roi(new Coordinate(2, 3), new Coordinate(5, 6)), roi.Squeeze());
        Assert.Equal(new Roi(new Coordinate(1, 3), new Coordinate(4, 6)), roi.Squeeze(1));
    }

    [Fact]
    public void ShapeSizeEmptyUnbounded()
    {
        var roi = new Roi(new Coordinate(0, 0, 0), new Coordinate(1, 2, 3));
        Assert.Equal(6, roi.Size);
        Assert.False(roi.Empty);
        Assert.False(roi.Unbounded);
        var unbounded = R([0, 0, 0], [1, null, 3]);
        Assert.Null(unbounded.Size);
        Assert.True(unbounded.Unbounded);
        Assert.False(unbounded.Empty);
        Assert.Null(unbounded.Offset[1]);
        var empty = R([0, 0, 0], [1, 0, null]);
        Assert.True(empty.Empty);
        Assert.Equal(-15, new Roi(new Coordinate(0, 0), new Coordinate(3, -5)).Size);
        var noOffset = R([null], [5]);
        Assert.Equal(5, noOffset.Size);
        Assert.False(noOffset.Unbounded);
        Assert.Equal(C([null]), noOffset.End);
    }

    [Fact]
    public void MismatchedOffsetAndShapeDimsThrow()
    {
        var error = Assert.Throws<ArgumentException>(() => new Roi(new Coordinate(0, 0), new Coordinate(1)));
        Assert.Contains("offset dimension 2 != shape dimension 1", error.Message);
    }

    [Fact]
    public void Center()
    {
        Assert.Equal(new Coordinate(2), new Roi(new Coordinate(0), new Coordinate(5)).Center);
        Assert.Equal(new Coordinate(-3), new Roi(new Coordinate(-5), new Coordinate(5)).Center);
        Assert.Equal(new Coordinate(50, 50, 50), Cube(0, 100).Center);
        Assert.Equal(new Coordinate(100, 100, 100), Cube(50, 100).Center);
    }

    [Fact]
    public void Operators()
    {
        var a = Cube(0, 100);
        var b = Cube(50, 100);
        var c = R([0, null, 0], [100, null, 100]);
        Assert.True(a.Intersects(b));
        Assert.True(b.Intersects(a));
        Assert.True(a.Intersects(c));
        Assert.True(a.Intersects(Roi.AllUnbounded(3)));
        Assert.False(a.Intersects(new Roi(new Coordinate(0, 0, 0), new Coordinate(0, 0, 0))));
        Assert.Equal(Cube(50, 50), a.Intersect(b));
        Assert.Equal(R([50, 50, 50], [50, 100, 50]), c.Intersect(b));
        Assert.True(a.Intersect(Cube(100, 1)).Empty);
        Assert.Equal(Roi.EmptyOf(3), a.Intersect(Cube(100, 1)));
        Assert.Equal(Cube(0, 150), a.Union(b));
        Assert.Equal(R([0, null, 0], [150, null, 150]), c.Union(b));
        Assert.True(a.Contains(Cube(0, 100)));
        Assert.True(a.Contains(Cube(10, 10)));
        Assert.False(a.Contains(b));
        Assert.True(c.Contains(new Roi(new Coordinate(0, 0, 0), new Coordinate(0, 0, 0))));
        Assert.True(c.Contains(R([0, -1000, 0], [10, 5000, 10])));
        Assert.False(c.Contains(Roi.AllUnbounded(3)));
        Assert.False(new Roi(new Coordinate(0, 0), new Coordinate(10, 10)).Intersects(new Roi(new Coordinate(10, 0), new Coordinate(5, 5))));
        Assert.Throws<ArgumentException>(() => a.Intersects(new Roi(new Coordinate(0), new Coordinate(1))));
    }

    [Fact]
    public void ContainsPointsAndEmptyRois()
    {
        var line = new Roi(new Coordinate(0), new Coordinate(10));
        Assert.True(line.Contains(new Coordinate(9)));
        Assert.False(line.Contains(new Coordinate(10)));
        Assert.False(line.Contains(C([null])));
        Assert.True(line.Contains(new Coordinate(5, 99)));
        Assert.False(new Roi(new Coordinate(0, 0), new Coordinate(10, 10)).Contains(new Coordinate(5)));
        Assert.True(line.Contains(new Roi(new Coordinate(5), new Coordinate(0))));
        Assert.False(line.Contains(new Roi(new Coordinate(50), new Coordinate(0))));
        Assert.False(line.Contains(R([null], [0])));
        Assert.True(new Roi(new Coordinate(3), new Coordinate(0)).Contains(new Roi(new Coordinate(50), new Coordinate(-2))));
    }

    [Fact]
    public void Grow()
    {
        var c = R([0, null, 0], [100, null, 100]);
        Assert.Equal(R([-1, null, -1], [102, null, 102]), c.Grow(new Coordinate(1, 1, 1), new Coordinate(1, 1, 1)));
        Assert.Equal(R([1, null, 1], [98, null, 98]), c.Grow(-1, -1));
        Assert.Equal(R([1, null, 1], [99, null, 99]), c.Grow(-1, 0));
        Assert.Equal(R([0, null, 0], [99, null, 99]), c.Grow(new Coordinate(0, 0, 0), new Coordinate(-1, -1, -1)));
        Assert.Equal(R([0, null], [10, null]), new Roi(new Coordinate(0, 0), new Coordinate(10, 10)).Grow(C(0, null), C(0, 0)));
        Assert.Equal(new Roi(new Coordinate(6), new Coordinate(-2)), new Roi(new Coordinate(0), new Coordinate(10)).Grow(-6, -6));
    }

    [Theory]
    [InlineData(1, 7, 2, SnapMode.Grow, 0, 8)]
    [InlineData(1, 7, 2, SnapMode.Shrink, 2, 6)]
    [InlineData(1, 7, 2, SnapMode.Closest, 0, 8)]
    [InlineData(1, 7, 3, SnapMode.Grow, 0, 9)]
    [InlineData(1, 7, 3, SnapMode.Shrink, 3, 3)]
    [InlineData(1, 7, 3, SnapMode.Closest, 0, 9)]
    [InlineData(-20, 2, 2, SnapMode.Shrink, -20, 2)]
    [InlineData(-5, 10, 4, SnapMode.Grow, -8, 16)]
    [InlineData(-5, 10, 4, SnapMode.Closest, -4, 8)]
    [InlineData(1, 2, 4, SnapMode.Shrink, 4, -4)]
    public void Snap(long offset, long shape, long voxel, SnapMode mode, long expectedOffset, long expectedShape)
    {
        var snapped = new Roi(new Coordinate(offset), new Coordinate(shape)).SnapToGrid(new Coordinate(voxel), mode);
        Assert.Equal(new Roi(new Coordinate(expectedOffset), new Coordinate(expectedShape)), snapped);
    }

    [Fact]
    public void SnapReadmeExampleAndErrors()
    {
        Assert.Equal(
            new Roi(new Coordinate(0, 4), new Coordinate(16, 16)),
            new Roi(new Coordinate(3, 7), new Coordinate(10, 10)).SnapToGrid(new Coordinate(4, 4)));
        Assert.Equal(R([0, null], [8, null]), R([1, 0], [7, null]).SnapToGrid(new Coordinate(4, 4)));
        Assert.Contains("cannot contain zero", Assert.Throws<ArgumentException>(() => Cube(0, 1).SnapToGrid(new Coordinate(1, 0, 1))).Message);
        Assert.Throws<ArgumentException>(() => Cube(0, 1).SnapToGrid(new Coordinate(1, 1)));
    }

    [Fact]
    public void Arithmetic()
    {
        var roi = R([1, 2, null], [4, 6, null]);
        Assert.Equal(R([2, 3, null], [4, 6, null]), roi + 1);
        Assert.Equal(R([0, 1, null], [4, 6, null]), roi - 1);
        Assert.Equal(R([2, 4, null], [8, 12, null]), roi * 2);
        Assert.Equal(R([0, 1, null], [2, 3, null]), roi / 2);
        Assert.Equal(R([0, 1, null], [2, 3, null]), roi.FloorDivide(2));
        Assert.Equal(new Roi(new Coordinate(-1), new Coordinate(2)), new Roi(new Coordinate(-3), new Coordinate(5)) / 2);
        Assert.Equal(new Roi(new Coordinate(-2), new Coordinate(2)), new Roi(new Coordinate(-3), new Coordinate(5)).FloorDivide(2));
        Assert.Equal(R([0, null], [3, null]), R([1, null], [7, null]) / 2);
        Assert.Equal(R([4, 6, null], [4, 6, null]), roi + C(3, 4, 5));
        Assert.Equal(R([0, 2, null], [4, 6, null]), roi - C(1, 0, 0));
    }

    [Fact]
    public void TextForms()
    {
        Assert.Equal("[0:10, 0:20, 0:30] (10, 20, 30)", new Roi(new Coordinate(0, 0, 0), new Coordinate(10, 20, 30)).ToString());
        Assert.Equal("[0:10, :] (10, inf)", R([0, 0], [10, null]).ToString());
        Assert.Equal("[9:12] (3)", new Roi(new Coordinate(9), new Coordinate(3)).ToString());
        Assert.Equal("[empty ROI]", Roi.EmptyOf(2).ToString());
        Assert.Equal("Roi((0, 0, 0), (10, 20, 30))", new Roi(new Coordinate(0, 0, 0), new Coordinate(10, 20, 30)).ToRepr());
        Assert.Equal("Roi((0,), (10,))", new Roi(new Coordinate(0), new Coordinate(10)).ToRepr());
        Assert.Equal("Roi((None, None), (0, 0))", Roi.EmptyOf(2).ToRepr());
    }

    [Fact]
    public void RoisAreHashableValues()
    {
        var dictionary = new Dictionary<Roi, int> { [Cube(0, 10)] = 1 };
        Assert.Equal(1, dictionary[Cube(0, 10)]);
        Assert.NotEqual(Cube(0, 10), Cube(0, 11));
    }
}
