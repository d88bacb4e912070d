namespace Volara.Runtime.Storage.Zarr;

/// <summary>A stored chunk or shard could not be decoded: corrupt, truncated, or of the wrong size.</summary>
public sealed class ChunkCorruptException(string message, string arrayPath, string chunkKey, Exception? inner = null)
    : ZarrException(message, arrayPath, chunkKey, inner);
