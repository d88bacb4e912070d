using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// User attributes of an array or group: <c>.zattrs</c> in v2, the <c>attributes</c> member of
/// <c>zarr.json</c> in v3. Updates replace the file atomically under the node's in-process lock.
/// </summary>
internal static class NodeAttributes
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Read(string directory, int format, string nodePath)
    {
        if (format == 2)
        {
            string file = Path.Combine(directory, ".zattrs");
            return File.Exists(file) ? MetadataReader.ParseDocument(nodePath, file) : new JsonObject();
        }

        var doc = MetadataReader.ParseDocument(nodePath, Path.Combine(directory, "zarr.json"));
        return doc["attributes"] switch
        {
            null => new JsonObject(),
            JsonObject attributes => attributes.DeepClone().AsObject(),
            _ => throw new MetadataException(nodePath, "zarr.json", "attributes", "must be an object"),
        };
    }

    public static void Replace(string directory, int format, string nodePath, JsonObject attributes) =>
        Modify(directory, format, nodePath, _ => attributes.DeepClone().AsObject());

    public static void Merge(string directory, int format, string nodePath, JsonObject update) =>
        Modify(directory, format, nodePath, current =>
        {
            foreach (var (key, value) in update)
            {
                current[key] = value?.DeepClone();
            }

            return current;
        });

    public static string Serialize(JsonNode node) => node.ToJsonString(Indented);

    private static void Modify(string directory, int format, string nodePath, Func<JsonObject, JsonObject> change)
    {
        string file = Path.Combine(directory, format == 2 ? ".zattrs" : "zarr.json");
        lock (ChunkFiles.LockFor(file))
        {
            if (format == 2)
            {
                ChunkFiles.WriteAtomic(file, Serialize(change(Read(directory, format, nodePath))));
                return;
            }

            var doc = MetadataReader.ParseDocument(nodePath, file);
            doc["attributes"] = change(Read(directory, format, nodePath));
            ChunkFiles.WriteAtomic(file, Serialize(doc));
        }
    }
}
