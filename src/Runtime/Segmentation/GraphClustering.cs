namespace Volara.Runtime.Segmentation;

/// <summary>
/// The result of <see cref="MutexWatershed.Cluster(ReadOnlySpan{MwsEdge})"/>: one (fragment, segment) pair per node
/// that appears in any edge, by ascending fragment id. The segment id of a cluster is
/// the smallest fragment id in it (deterministic, and always one of the cluster's own ids as in mwatershed).
/// </summary>
/// <param name="Fragments">Node ids, each once, ascending.</param>
/// <param name="Segments">Segment id of <c>Fragments[i]</c> at index i.</param>
public sealed record GraphClustering(ulong[] Fragments, ulong[] Segments)
{
    /// <summary>Number of (fragment, segment) pairs.</summary>
    public int Count => Fragments.Length;
}
