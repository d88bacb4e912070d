using System.Runtime.CompilerServices;

namespace Volara.Runtime.Geometry;

/// <summary>Fixed inline storage for the elements of a <see cref="Coordinate"/>, so coordinates never allocate.</summary>
[InlineArray(Coordinate.MaxDims)]
internal struct CoordinateValues
{
    private long _element0;
}
