using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Geometry;

public class CoordinateTests
{
    private static readonly Coordinate A = new(1, 2, 3);
    private static readonly Coordinate B = new(4, 5, 6);

    [Fact]
    public void ConstructsFromSpansSequencesAndRanges()
    {
        Assert.Equal(new Coordinate(1, 2, 3), new Coordinate(new List<long> { 1, 2, 3 }));
        Assert.Equal(new Coordinate(0, 1, 2), new Coordinate(Enumerable.Range(0, 3).Select(i => (long)i)));
        Assert.Equal(3, new Coordinate(1L, null, 3L).Dims);
        Assert.Equal(0, new Coordinate().Dims);
        Assert.Throws<ArgumentException>(() => new Coordinate(Enumerable.Range(0, 9).Select(i => (long)i)));
    }

    [Fact]
    public void FloatConstructionTruncatesTowardZero()
    {
        Assert.Equal(new Coordinate(0, 0, 1, 2), Coordinate.Truncate(0.1, 0.5, 1.0, 2.0));
        Assert.Equal(new Coordinate(1, -1), Coordinate.Truncate(1.9, -1.9));
    }

    [Fact]
    public void ArithmeticMatchesFunlib()
    {
        Assert.Equal(new Coordinate(5, 7, 9), A + B);
        Assert.Equal(new Coordinate(-3, -3, -3), A - B);
        Assert.Equal(new Coordinate(-1, -2, -3), -A);
        Assert.Equal(A, (-A).Abs());
        Assert.Equal(new Coordinate(4, 10, 18), A * B);
        Assert.Equal(new Coordinate(0, 0, 0), A / B);
        Assert.Equal(new Coordinate(0, 0, 0), A.FloorDivide(B));
        Assert.Equal(new Coordinate(4, 2, 2), B / A);
        Assert.Equal(new Coordinate(4, 2, 2), B.FloorDivide(A));
        Assert.Equal(new Coordinate(2, 3, 4), A + 1);
        Assert.Equal(new Coordinate(-2, -1, 0), A - 3);
        Assert.Equal(new Coordinate(10, 20, 30), A * 10);
        Assert.Equal(new Coordinate(2, 2, 3), B / 2);
        Assert.Equal(new Coordinate(2, 2, 3), B.FloorDivide(2));
    }

    [Fact]
    public void DivisionFlavoursDifferForNegatives()
    {
        Assert.Equal(new Coordinate(-1, 1), new Coordinate(-3, 3) / 2);
        Assert.Equal(new Coordinate(2, 2, 3), new Coordinate(4, 5, 6) / 2);
        Assert.Equal(new Coordinate(-2, 1), new Coordinate(-3, 3).FloorDivide(2));
        Assert.Equal(new Coordinate(-4, -4), new Coordinate(-7, 7).FloorDivide(new Coordinate(2, -2)));
        Assert.Equal(new Coordinate(1, 1), new Coordinate(-3, 3) % 2);
        Assert.Equal(new Coordinate(-1, 1), new Coordinate(-3, 3) % new Coordinate(-2, 2));
    }

    [Fact]
    public void DivisionHelpers()
    {
        Assert.Equal(new Coordinate(-2), new Coordinate(-5).CeilDivision(2));
        Assert.Equal(new Coordinate(3, 2), new Coordinate(5, 4).CeilDivision(2));
        Assert.Equal(new Coordinate(2, 2, 4), new Coordinate(10, 15, 25).RoundDivision(new Coordinate(5, 6, 7)));
        Assert.Equal(new Coordinate(2, 1, 2, -3, -4), new Coordinate(5, 6, 7, -5, -7).RoundDivision(new Coordinate(2, 4, 4, 2, 2)));
        Assert.True(new Coordinate(4, 9, -6).IsMultipleOf(new Coordinate(2, 3, 3)));
        Assert.False(new Coordinate(4, 10).IsMultipleOf(new Coordinate(2, 3)));
    }

    [Fact]
    public void Powers()
    {
        Assert.Equal(new Coordinate(4, 1, 0), new Coordinate(2, 3, 0).Pow(new Coordinate(2, 0, 1)));
        Assert.Equal(new Coordinate(0, 0), new Coordinate(2, 3).Pow(-1));
        Assert.Equal(new Coordinate(1, -1, 1), new Coordinate(1, -1, -1).Pow(new Coordinate(-3, -3, -2)));
    }

    [Fact]
    public void NullElementsPropagate()
    {
        var a = new Coordinate(null, 1L, 2L);
        var b = new Coordinate(3L, 4L, null);
        Assert.Equal(new Coordinate(null, 5L, null), a + b);
        Assert.Equal(new Coordinate(null, -3L, null), a - b);
        Assert.Equal(new Coordinate(null, 0L, null), a / b);
        Assert.Equal(new Coordinate(null, 0L, null), a.FloorDivide(b));
        Assert.Equal(new Coordinate(null, 4L, null), b.FloorDivide(a));
        Assert.Equal(new Coordinate(null, 1L, 2L), (-a).Abs());
        Assert.Equal(new Coordinate(null, 3L, 4L), a + 2);
        Assert.Null(a.Product());
    }

    [Fact]
    public void MismatchedDimsThrowNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => A + new Coordinate(1, 2));
        Assert.Contains("(1, 2, 3)", error.Message);
        Assert.Contains("(1, 2)", error.Message);
        Assert.Throws<ArgumentException>(() => A.FloorDivide(new Coordinate(1)));
    }

    [Fact]
    public void DivisionByZeroAndOverflowThrow()
    {
        Assert.Throws<DivideByZeroException>(() => A / new Coordinate(1, 0, 1));
        Assert.Throws<DivideByZeroException>(() => A % 0);
        Assert.Throws<OverflowException>(() => new Coordinate(long.MaxValue) + 1);
    }

    [Fact]
    public void EqualityHashingAndOrdering()
    {
        Assert.Equal(new Coordinate(1, 2), new Coordinate(1L, 2L));
        Assert.Equal(new Coordinate(1, 2).GetHashCode(), new Coordinate(new long[] { 1, 2 }).GetHashCode());
        Assert.NotEqual(new Coordinate(1, 2), new Coordinate(1, 2, 0));
        Assert.NotEqual(new Coordinate(null, 2L), new Coordinate(0, 2));
        Assert.True(new Coordinate(1, 2) < new Coordinate(1, 3));
        Assert.True(new Coordinate(1, 2) < new Coordinate(1, 2, 0));
        Assert.True(new Coordinate(2, 0) > new Coordinate(1, 9));
        Assert.True(new Coordinate(null, 0L) < new Coordinate(-5, 0));
        var set = new HashSet<Coordinate> { new(1, 2), new(1, 2), new(2, 1) };
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void TextIsPythonTupleText()
    {
        Assert.Equal("(1, 2, None)", new Coordinate(1L, 2L, null).ToString());
        Assert.Equal("(5,)", new Coordinate(5).ToString());
        Assert.Equal("()", new Coordinate().ToString());
    }

    [Fact]
    public void HelpersForHotCode()
    {
        Assert.Equal(6, A.Product());
        Assert.Equal(new Coordinate(1, 3), A.Squeeze(1));
        Assert.Equal(new Coordinate(2, 3), A.Squeeze());
        Assert.Equal(new Coordinate(1, 9, 2, 3), A.Insert(1, 9));
        Assert.Equal(new long[] { 1, 2, 3 }, A.ToLongArray());
        Assert.Equal(new long?[] { 1, null }, new Coordinate(1L, null).ToArray());
        Span<long> values = stackalloc long[3];
        A.CopyTo(values);
        Assert.Equal(3, values[2]);
        Assert.Throws<InvalidOperationException>(() => new Coordinate(1L, null).ToLongArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => A[3]);
        Assert.Throws<OverflowException>(() => new Coordinate(long.MaxValue, 2).Product());
    }
}
