namespace Volara.Runtime.Storage.Zarr;

/// <summary>A modification was attempted on an array or group opened read-only.</summary>
public sealed class ReadOnlyArrayException(string message, string arrayPath) : ZarrException(message, arrayPath);
