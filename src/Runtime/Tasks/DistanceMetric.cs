namespace Volara.Runtime.Tasks;

/// <summary>How DistanceAgglom compares two node embeddings (JSON: <c>cosine</c>, <c>euclidean</c>, <c>max</c>).</summary>
public enum DistanceMetric
{
    /// <summary><c>a·b / max(|a||b|, eps)</c>: 1 for parallel embeddings, −1 for opposite ones.</summary>
    Cosine,

    /// <summary><c>−‖a − b‖</c>: 0 for equal embeddings, more negative the further apart.</summary>
    Euclidean,

    /// <summary><c>−max |a − b|</c> over the elements (Chebyshev distance, negated).</summary>
    Max,
}
