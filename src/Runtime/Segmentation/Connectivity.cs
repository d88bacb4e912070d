namespace Volara.Runtime.Segmentation;

/// <summary>Which neighbours touch in a connected-component labelling.</summary>
public enum Connectivity
{
    /// <summary>Neighbours share a face: 2·ndim neighbours (6 in 3-D; scipy's default structure).</summary>
    Face,

    /// <summary>
    /// Neighbours share a face, edge or corner: 3^ndim − 1 neighbours (26 in 3-D; skimage's <c>connectivity=ndim</c>,
    /// what volara's ExtractFrags uses for its per-block relabel).
    /// </summary>
    Full,
}
