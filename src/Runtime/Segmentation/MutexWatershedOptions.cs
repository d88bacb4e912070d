using Volara.Runtime.Geometry;

namespace Volara.Runtime.Segmentation;

/// <summary>
/// Edge sub-sampling for <see cref="MutexWatershed"/>.Agglomerate,
/// as mwatershed's <c>strides</c> / <c>randomized_strides</c> (volara's ExtractFrags passes both through).
/// </summary>
public sealed record MutexWatershedOptions
{
    /// <summary>
    /// One stride per offset (one element per spatial axis, each ≥ 1), or <c>null</c> for stride 1 everywhere.
    /// Without <see cref="RandomizedStrides"/>, channel k only contributes the edges of every
    /// <c>Strides[k][d]</c>-th valid position along axis d, counted from the first valid position.
    /// </summary>
    public IReadOnlyList<Coordinate>? Strides { get; init; }

    /// <summary>
    /// Instead of the regular grid, keep each edge of channel k independently with probability
    /// <c>1 / prod(Strides[k])</c> (drawn from a generator seeded with <see cref="RandomSeed"/>, so runs repeat).
    /// </summary>
    public bool RandomizedStrides { get; init; }

    /// <summary>Seed of the generator behind <see cref="RandomizedStrides"/>; the same seed keeps the same edges.</summary>
    public ulong RandomSeed { get; init; }
}
