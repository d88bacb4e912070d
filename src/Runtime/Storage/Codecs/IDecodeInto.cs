namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// Implemented by codecs that can decode straight into the caller's chunk buffer, which saves the copy out of a
/// rented buffer when the decoded size is known (always so for a Zarr chunk's last decoding step).
/// </summary>
public interface IDecodeInto
{
    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/>, whose length must be exactly the
    /// decoded size; corrupt input or any other size throws <see cref="CodecException"/>.
    /// </summary>
    void DecodeInto(ReadOnlySpan<byte> source, Span<byte> destination);
}
