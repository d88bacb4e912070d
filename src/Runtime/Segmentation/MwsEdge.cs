namespace Volara.Runtime.Segmentation;

/// <summary>
/// One edge of the graph mutex watershed in processing order, as mwatershed's <c>(is_positive, u, v)</c>:
/// an attractive edge merges the clusters of <see cref="U"/> and <see cref="V"/> unless a mutex separates them,
/// a repulsive one records a mutex between them.
/// </summary>
public readonly record struct MwsEdge(ulong U, ulong V, bool Attractive);
