namespace Volara.Runtime.Tasks.Kernels;

/// <summary>Two labels (<see cref="U"/> &lt; <see cref="V"/>) whose surfaces come within <see cref="Distance"/> world units.</summary>
public readonly record struct SurfacePair(ulong U, ulong V, double Distance);
