namespace Volara.Runtime.Luts;

/// <summary>A look-up table file that is not a volara <c>.npz</c> with a 2×N integer <c>fragment_segment_lut</c>.</summary>
public sealed class LutFormatException(string message) : Exception(message);
