namespace Volara.Runtime.Segmentation;

/// <summary>Post-processing of a fragment block as in volara's ExtractFrags (filter_fragments, remove_debris).</summary>
public static class FragmentFilters
{
    /// <summary>
    /// volara's <c>filter_fragments</c>: for every fragment id (0 included) the mean, over its voxels, of the average
    /// of the first <paramref name="averagedChannels"/> channels (the direct-neighbour offsets, i.e. ndim); fragments
    /// whose mean is below <paramref name="threshold"/> are set to 0.
    /// </summary>
    /// <param name="fragments">Fragment ids, changed in place.</param>
    /// <param name="affinities">Channel-first affinities over the same voxels (at least averagedChannels planes).</param>
    /// <returns>The number of fragment ids removed.</returns>
    public static int FilterByMeanAffinity(Span<ulong> fragments, ReadOnlySpan<float> affinities, int averagedChannels, double threshold)
    {
        throw new NotImplementedException();
    }

    /// <summary>As the float overload, over uint8 affinities meaning <c>value / 255</c>.</summary>
    public static int FilterByMeanAffinity(Span<ulong> fragments, ReadOnlySpan<byte> affinities, int averagedChannels, double threshold)
    {
        throw new NotImplementedException();
    }

    /// <summary>volara's <c>remove_debris</c>: fragments with fewer than <paramref name="minimumSize"/> voxels become 0.</summary>
    /// <returns>The number of fragment ids removed.</returns>
    public static int RemoveDebris(Span<ulong> fragments, long minimumSize)
    {
        throw new NotImplementedException();
    }
}
