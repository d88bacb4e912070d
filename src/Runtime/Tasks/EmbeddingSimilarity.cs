namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's DistanceAgglom similarity of two node embeddings after subtracting the background intensity from every
/// element: cosine, negated euclidean distance or negated maximum absolute difference (larger = more similar).
/// </summary>
public static class EmbeddingSimilarity
{
    /// <param name="a">One node's embedding (a scalar attribute is a 1-element embedding).</param>
    /// <param name="b">The other node's embedding, same length.</param>
    /// <param name="background">Subtracted from every element of both.</param>
    /// <param name="metric">The comparison.</param>
    /// <param name="eps">Cosine's lower bound on <c>|a||b|</c>, so zero embeddings give 0, not NaN.</param>
    public static double Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b, double background, DistanceMetric metric, double eps)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"embeddings of different lengths ({a.Length} and {b.Length})");
        }

        double dot = 0, normA = 0, normB = 0, squared = 0, largest = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i] - background, y = b[i] - background, difference = Math.Abs(x - y);
            dot += x * y;
            normA += x * x;
            normB += y * y;
            squared += difference * difference;
            largest = Math.Max(largest, difference);
        }

        return metric switch
        {
            DistanceMetric.Cosine => dot / Math.Max(Math.Sqrt(normA) * Math.Sqrt(normB), eps),
            DistanceMetric.Euclidean => -Math.Sqrt(squared),
            DistanceMetric.Max => -largest,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown distance metric"),
        };
    }
}
