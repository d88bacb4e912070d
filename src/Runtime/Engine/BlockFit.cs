namespace Volara.Runtime.Engine;

/// <summary>How blocks at the upper border of the total ROI are handled (daisy's <c>fit</c>).</summary>
public enum BlockFit
{
    /// <summary>Only blocks whose write ROI lies fully inside the total write ROI.</summary>
    Valid,

    /// <summary>Every block whose write ROI begins inside the total write ROI, even if it sticks out.</summary>
    Overhang,

    /// <summary>Like <see cref="Overhang"/>, but border blocks are clipped to the total ROI, keeping their context.</summary>
    Shrink,
}
