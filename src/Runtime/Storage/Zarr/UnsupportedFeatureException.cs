namespace Volara.Runtime.Storage.Zarr;

/// <summary>The metadata is valid Zarr but uses something this library does not implement (unknown codec, dtype, layout).</summary>
public sealed class UnsupportedFeatureException(string message, string arrayPath, Exception? inner = null)
    : ZarrException(message, arrayPath, null, inner);
