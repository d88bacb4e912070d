namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// Edges between fragments with one value per score, sorted by (u, v) with u &lt; v. A score an edge had no
/// boundary voxels for is <see cref="double.NaN"/> (absent, not zero).
/// </summary>
public sealed class FragmentEdges
{
    private readonly ulong[] u;
    private readonly ulong[] v;
    private readonly double[] scores;

    internal FragmentEdges(ulong[] u, ulong[] v, double[] scores, int scoreCount)
    {
        this.u = u;
        this.v = v;
        this.scores = scores;
        ScoreCount = scoreCount;
    }

    public int Count => u.Length;

    public int ScoreCount { get; }

    /// <summary>The lower id of edge <paramref name="edge"/>.</summary>
    public ulong U(int edge) => u[edge];

    /// <summary>The higher id of edge <paramref name="edge"/>.</summary>
    public ulong V(int edge) => v[edge];

    /// <summary>Score <paramref name="score"/> of edge <paramref name="edge"/>; NaN when absent.</summary>
    public double Score(int edge, int score) => scores[(edge * ScoreCount) + score];
}
