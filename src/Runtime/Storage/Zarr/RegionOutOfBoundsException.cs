namespace Volara.Runtime.Storage.Zarr;

/// <summary>A write region does not lie inside the array.</summary>
public sealed class RegionOutOfBoundsException(string message, string arrayPath) : ZarrException(message, arrayPath);
