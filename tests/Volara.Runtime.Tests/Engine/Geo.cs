using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Engine;

internal static class Geo
{
    public static Roi R(long offset, long shape) => new(new Coordinate(offset), new Coordinate(shape));

    public static Roi R2(long o0, long o1, long s0, long s1) => new(new Coordinate(o0, o1), new Coordinate(s0, s1));

    public static Roi R3(long o, long s) => new(new Coordinate(o, o, o), new Coordinate(s, s, s));
}
