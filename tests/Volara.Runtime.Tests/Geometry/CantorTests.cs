using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Geometry;

public class CantorTests
{
    [Fact]
    public void TwoDimensionalOrder()
    {
        long[][] order = [[0, 0], [0, 1], [1, 0], [0, 2], [1, 1], [2, 0], [0, 3], [1, 2], [2, 1], [3, 0]];
        for (var id = 0; id < order.Length; id++)
        {
            Assert.Equal((ulong)id, Cantor.CantorNumber(order[id]));
            Assert.Equal(new Coordinate(order[id]), Cantor.InverseCantorNumber((ulong)id, 2));
        }
    }

    [Fact]
    public void FourDimensionalOrder()
    {
        long[][] order =
        [
            [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0],
            [0, 0, 0, 2], [0, 0, 1, 1], [0, 1, 0, 1], [1, 0, 0, 1], [0, 0, 2, 0],
        ];
        for (var id = 0; id < order.Length; id++)
        {
            Assert.Equal((ulong)id, Cantor.CantorNumber(order[id]));
        }

        Assert.Equal(19UL, Cantor.CantorNumber([0, 0, 2, 1]));
    }

    [Theory]
    [InlineData(2, 2, 12)]
    [InlineData(2, 4, 23)]
    [InlineData(4, 2, 25)]
    [InlineData(4, 4, 40)]
    [InlineData(1, 1, 4)]
    [InlineData(1, 2, 7)]
    public void HandyTwoDimensionalValues(long x, long y, ulong id) => Assert.Equal(id, Cantor.CantorNumber([x, y]));

    [Fact]
    public void OneDimensionalIsIdentityAndThreeDimensionalValue()
    {
        Assert.Equal(12345UL, Cantor.CantorNumber([12345]));
        Assert.Equal(3UL, Cantor.CantorNumber(new Coordinate(1, 0, 0)));
    }

    [Fact]
    public void ExhaustiveSmallGridsAreABijectionInSumOrder()
    {
        for (var dims = 1; dims <= 4; dims++)
        {
            for (ulong id = 0; id < 300; id++)
            {
                var tuple = Cantor.InverseCantorNumber(id, dims);
                Assert.Equal(id, Cantor.CantorNumber(tuple));
                if (id > 0)
                {
                    var previous = Cantor.InverseCantorNumber(id - 1, dims);
                    Assert.True(Sum(previous) <= Sum(tuple));
                }
            }
        }
    }

    [Fact]
    public void RandomLargeThreeDimensionalCoordinatesRoundTrip()
    {
        var random = new Random(1234);
        for (var i = 0; i < 200; i++)
        {
            var coordinate = new Coordinate(random.NextInt64(0, 1_000_000_000), random.NextInt64(0, 1_000_000_000), random.NextInt64(0, 1_000_000_000));
            Assert.Equal(coordinate, Cantor.InverseCantorNumber(Cantor.CantorNumberWide(coordinate), 3));
        }
    }

    [Fact]
    public void MatchesPythonFloatFormulaWhereItIsExact()
    {
        // Python's pyramid_volume loop in double precision, exact for these magnitudes.
        static ulong PythonCantor(long[] c)
        {
            if (c.Length == 1)
            {
                return (ulong)c[0];
            }

            long sum = c.Sum();
            double volume = sum == 0 ? 0 : 1;
            if (sum != 0)
            {
                for (var d = 0; d < c.Length; d++)
                {
                    volume = volume * (sum + d) / (d + 1);
                }
            }

            return (ulong)volume + PythonCantor(c[..^1]);
        }

        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            long[] c = [random.Next(0, 5000), random.Next(0, 5000), random.Next(0, 5000)];
            Assert.Equal(PythonCantor(c), Cantor.CantorNumber(c));
        }
    }

    [Fact]
    public void RejectsNegativeAndOverflow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cantor.CantorNumber([1, -1]));
        Assert.Throws<OverflowException>(() => Cantor.CantorNumber([1_000_000_000, 1_000_000_000, 1_000_000_000]));
        Assert.Throws<OverflowException>(() => Cantor.CantorNumberWide([long.MaxValue, long.MaxValue, long.MaxValue]));
    }

    private static long Sum(Coordinate c)
    {
        long total = 0;
        for (var i = 0; i < c.Dims; i++)
        {
            total += c.ValueAt(i);
        }

        return total;
    }
}
