namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// One chunk of a run read together: its decoded elements (from <paramref name="SourceOffset"/> in
/// <paramref name="Source"/>; null when it was filled instead) and the part of each row it gives the region, in elements
/// along the last axis.
/// </summary>
internal readonly record struct RunPiece(byte[]? Source, int SourceOffset, long SourceX, long TargetX, long Length);
