namespace Volara.Runtime.Storage.Zarr;

/// <summary>Base of every Zarr storage error; the message names the array (or group) path and the chunk key when one is involved.</summary>
public class ZarrException : Exception
{
    public ZarrException(string message, string arrayPath, string? chunkKey = null, Exception? inner = null)
        : base(Compose(message, arrayPath, chunkKey), inner)
    {
        ArrayPath = arrayPath;
        ChunkKey = chunkKey;
    }

    public string ArrayPath { get; }

    public string? ChunkKey { get; }

    private static string Compose(string message, string arrayPath, string? chunkKey) =>
        chunkKey is null ? $"zarr '{arrayPath}': {message}" : $"zarr '{arrayPath}', chunk '{chunkKey}': {message}";
}
