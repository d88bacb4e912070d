namespace Volara.Runtime.Registration;

/// <summary>
/// A box of the coarse shift grid for one channel: <c>3 × gz × gy × gx</c> shift components (world units, z y x), the grid
/// index of its first sample, and where sample centres lie in world units. 2-D data uses a leading axis of length 1.
/// </summary>
internal readonly ref struct ShiftGrid
{
    public ShiftGrid(ReadOnlySpan<float> components, ReadOnlySpan<int> shape, ReadOnlySpan<int> first, ReadOnlySpan<int> total, ReadOnlySpan<double> firstCentre, ReadOnlySpan<double> spacing)
    {
        Components = components;
        Shape = shape;
        First = first;
        Total = total;
        FirstCentre = firstCentre;
        Spacing = spacing;
    }

    /// <summary>Shift components, <c>[3, *Shape]</c>, C order.</summary>
    public ReadOnlySpan<float> Components { get; }

    /// <summary>Samples per axis in this box.</summary>
    public ReadOnlySpan<int> Shape { get; }

    /// <summary>Grid index of the box's first sample per axis.</summary>
    public ReadOnlySpan<int> First { get; }

    /// <summary>Samples per axis in the whole grid (interpolation clamps to its edge samples).</summary>
    public ReadOnlySpan<int> Total { get; }

    /// <summary>World position of the centre of grid sample 0 per axis.</summary>
    public ReadOnlySpan<double> FirstCentre { get; }

    /// <summary>Distance between sample centres per axis (the block size in world units).</summary>
    public ReadOnlySpan<double> Spacing { get; }
}
