namespace Volara.Runtime.Storage.Zarr;

/// <summary>No array at the path: nothing there, no metadata, or a group where an array was expected.</summary>
public sealed class ArrayNotFoundException(string message, string arrayPath) : ZarrException(message, arrayPath);
