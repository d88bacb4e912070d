namespace Volara.Runtime.Storage.Zarr;

/// <summary>A typed read or write used an element type that is not the array's data type.</summary>
public sealed class DataTypeMismatchException(string message, string arrayPath) : ZarrException(message, arrayPath);
