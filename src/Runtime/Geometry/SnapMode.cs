namespace Volara.Runtime.Geometry;

/// <summary>How <see cref="Roi.SnapToGrid(Coordinate, SnapMode)"/> moves the bounds onto the grid.</summary>
public enum SnapMode
{
    /// <summary>Begin rounds down, end rounds up: the result contains the original region.</summary>
    Grow,

    /// <summary>Begin rounds up, end rounds down: the result lies inside the original region.</summary>
    Shrink,

    /// <summary>Both bounds go to the nearest grid line; ties go toward negative infinity.</summary>
    Closest,
}
