namespace Volara.Runtime.Skeletons;

/// <summary>One skeleton node as webKnossos stores it: voxel coordinates <c>x, y, z</c> (x fastest) of the dataset's finest scale.</summary>
public readonly record struct SkeletonNode(long Id, double X, double Y, double Z);
