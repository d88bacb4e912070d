namespace Volara.Runtime.Skeletons;

/// <summary>One webKnossos skeleton (an NML <c>thing</c>): its id, name, nodes and edges (pairs of node ids).</summary>
public sealed record Skeleton(long Id, string? Name, IReadOnlyList<SkeletonNode> Nodes, IReadOnlyList<(long Source, long Target)> Edges);
