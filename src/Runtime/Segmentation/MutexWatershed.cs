using Volara.Runtime.Geometry;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// The mutex watershed (Wolf et al.) with mwatershed's conventions, which volara relies on: voxel-grid
/// agglomeration of channel-first affinities (<c>agglom</c>) and clustering of an edge list (<c>cluster</c>).
/// </summary>
/// <remarks>
/// <para><b>Edges.</b> Channel k at voxel p describes the pair (p, p + offsets[k]); pairs leaving the array give no
/// edge. Its weight is w = affinity + bias[k] (uint8 affinities are first divided by 255). Edge type comes from the
/// sign, as in mwatershed (not from the channel index as in affogato): w &gt; 0 is attractive, w ≤ 0 repulsive
/// (so an affinity of exactly 0 without bias repels). Priority is |w|. NaN weights are rejected.</para>
/// <para><b>Order.</b> Edges are processed by |w| descending; ties are broken by channel index ascending, then by the
/// C-order linear index of p ascending. This total order is what a stable sort of the edges enumerated channel by
/// channel, voxel by voxel gives, so results are reproducible (mwatershed's unstable sort is not).</para>
/// <para><b>Clustering.</b> Kruskal-style: skip an edge whose endpoints are already in one cluster or whose
/// clusters have a mutex; otherwise an attractive edge merges the clusters (and their mutexes), a repulsive one
/// adds a mutex between them.</para>
/// <para><b>Seeds.</b> Voxels with the same non-zero seed value start as one cluster; clusters carrying different
/// seed values never merge (mwatershed's all-pairs seed mutexes, without materialising them). A cluster that holds
/// a seed is labelled with the seed value.</para>
/// <para><b>Ids.</b> A voxel that is no endpoint of any attractive edge (after stride sampling) and carries no seed
/// is background and gets 0 — mwatershed's background rule. Every other unseeded cluster gets a fresh positive id:
/// 1, 2, 3, … in C order of the cluster's first voxel, skipping the values used by seeds. So 0 never names a segment
/// (fixing mwatershed's quirk where the cluster of voxel 0 was labelled 0).</para>
/// </remarks>
public static class MutexWatershed
{
    /// <summary>Voxel-grid mutex watershed over float affinities (mwatershed's <c>agglom</c>).</summary>
    /// <param name="affinities">Channel-first affinities: <c>offsets.Count</c> planes of <c>prod(shape)</c> voxels in C order.</param>
    /// <param name="shape">Spatial shape (1 to <see cref="Coordinate.MaxDims"/> axes).</param>
    /// <param name="offsets">One offset per channel, with one element per spatial axis.</param>
    /// <param name="bias">Empty, or one value per channel added to that channel's affinities.</param>
    /// <param name="labels">Output, <c>prod(shape)</c> voxels: segment ids, 0 for background.</param>
    /// <param name="seeds">Empty, or <c>prod(shape)</c> seed values (0 = unseeded).</param>
    /// <param name="options">Strides and randomized strides; <c>null</c> uses every edge.</param>
    /// <returns>The number of distinct non-zero ids written.</returns>
    public static int Agglomerate(
        ReadOnlySpan<float> affinities,
        ReadOnlySpan<int> shape,
        IReadOnlyList<Coordinate> offsets,
        ReadOnlySpan<double> bias,
        Span<ulong> labels,
        ReadOnlySpan<ulong> seeds = default,
        MutexWatershedOptions? options = null)
    {
        var grid = new GridGeometry(shape, offsets, options);
        return GridAgglomeration.Run(affinities, grid, bias, labels, seeds);
    }

    /// <summary>
    /// Voxel-grid mutex watershed over uint8 affinities, which mean <c>value / 255</c> (volara's reading of uint8
    /// affinity datasets). Same result as the float overload on <c>value / 255f</c>, but without the conversion and
    /// with a counting sort over the 256 × channels possible weights.
    /// </summary>
    /// <inheritdoc cref="Agglomerate(ReadOnlySpan{float}, ReadOnlySpan{int}, IReadOnlyList{Coordinate}, ReadOnlySpan{double}, Span{ulong}, ReadOnlySpan{ulong}, MutexWatershedOptions?)"/>
    public static int Agglomerate(
        ReadOnlySpan<byte> affinities,
        ReadOnlySpan<int> shape,
        IReadOnlyList<Coordinate> offsets,
        ReadOnlySpan<double> bias,
        Span<ulong> labels,
        ReadOnlySpan<ulong> seeds = default,
        MutexWatershedOptions? options = null)
    {
        var grid = new GridGeometry(shape, offsets, options);
        return GridAgglomeration.Run(affinities, grid, bias, labels, seeds);
    }

    /// <summary>
    /// Graph mutex watershed over edges already in processing order (mwatershed's <c>cluster</c>): node ids are
    /// arbitrary 64-bit values; every node that appears in an edge is in the result.
    /// </summary>
    public static GraphClustering Cluster(ReadOnlySpan<MwsEdge> orderedEdges)
    {
        return GraphAgglomeration.Cluster(default, orderedEdges);
    }

    /// <summary>
    /// Graph mutex watershed over weighted edges, as volara's GraphMWS: <paramref name="prefix"/> edges first in the
    /// given order (e.g. merges from a starting LUT), then the weighted edges by |weight| descending with a stable
    /// sort (ties keep their input order); weight &gt; 0 attracts, weight ≤ 0 repels. NaN weights are rejected.
    /// </summary>
    /// <param name="sources">First endpoint of each edge.</param>
    /// <param name="targets">Second endpoint of each edge.</param>
    /// <param name="weights">Signed score of each edge.</param>
    /// <param name="prefix">Edges processed before all weighted edges.</param>
    public static GraphClustering Cluster(
        ReadOnlySpan<ulong> sources,
        ReadOnlySpan<ulong> targets,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<MwsEdge> prefix = default)
    {
        return GraphAgglomeration.Cluster(prefix, GraphAgglomeration.Order(sources, targets, weights));
    }
}
