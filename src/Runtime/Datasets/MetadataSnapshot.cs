using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Datasets;

/// <summary>
/// A scope in which read-only opens of one array share what was read from disk: its Zarr metadata, its attributes
/// (shared, so not to be changed) and the OME metadata of the image around it. Checking a pipeline opens each input
/// once per task and check (a file of 10,000 tasks over one input opened it 30,000 times); inside a snapshot the files
/// are read once. Only for passes that write nothing and keep the current directory: an array changed on disk inside
/// the scope is not seen, and paths are remembered as given. Opens for writing always read the disk.
/// </summary>
public sealed class MetadataSnapshot : IDisposable
{
    private static readonly AsyncLocal<MetadataSnapshot?> Active = new();

    private readonly ConcurrentDictionary<string, StoredArray> arrays = new(StringComparer.Ordinal);

    private MetadataSnapshot()
    {
    }

    /// <summary>Starts a snapshot for this flow of execution; inside one already active, the outer one keeps serving.</summary>
    public static MetadataSnapshot Begin()
    {
        var snapshot = new MetadataSnapshot();
        Active.Value ??= snapshot;
        return snapshot;
    }

    /// <summary>Ends the snapshot if it is the one serving; an inner one never was.</summary>
    public void Dispose()
    {
        if (ReferenceEquals(Active.Value, this))
        {
            Active.Value = null;
        }
    }

    /// <summary>The stored parts of the array at <paramref name="path"/>, from the active snapshot when there is one.</summary>
    internal static StoredArray Read(string path) =>
        Active.Value is { } snapshot
            ? snapshot.arrays.GetOrAdd(path, static (_, path) => StoredArray.Read(path, writable: false), path)
            : StoredArray.Read(path, writable: false);

    /// <summary>An array's metadata as stored: the array, its attributes and the enclosing image's OME metadata.</summary>
    internal sealed record StoredArray(ZarrArray Array, JsonObject Attributes, MetadataOverrides? Ome)
    {
        public static StoredArray Read(string path, bool writable)
        {
            var array = ZarrArray.Open(path, writable);
            return new StoredArray(array, array.Attributes, OmeAncestorMetadata.Find(path));
        }
    }
}
