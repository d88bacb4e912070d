namespace Volara.Runtime.Segmentation;

/// <summary>Connected components of a label volume (skimage.measure.label semantics with background 0).</summary>
public static class ConnectedComponents
{
    /// <summary>
    /// Relabels every connected region of equal non-zero value to 1..n, numbered in C order of each region's first
    /// voxel; 0 stays 0. Fragments that touch keep apart (different values), a fragment split in pieces gets one id
    /// per piece. <paramref name="output"/> may be the same memory as <paramref name="labels"/>.
    /// </summary>
    /// <returns>n, the number of components.</returns>
    public static int Relabel(ReadOnlySpan<ulong> labels, ReadOnlySpan<int> shape, Connectivity connectivity, Span<ulong> output)
    {
        throw new NotImplementedException();
    }
}
