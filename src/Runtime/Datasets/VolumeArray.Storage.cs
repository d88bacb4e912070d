using System.Text.Json.Nodes;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Datasets;

/// <summary>Opening and preparing Zarr-backed arrays (funlib's <c>open_ds</c> / <c>prepare_ds</c>).</summary>
public sealed partial class VolumeArray
{
    /// <summary>
    /// Opens an existing Zarr array. <see cref="AccessMode.Read"/> is read-only; <see cref="AccessMode.ReadWrite"/> and
    /// <see cref="AccessMode.Append"/> allow writes. Creating modes need a shape: use <see cref="Prepare"/>.
    /// Missing arrays raise <see cref="ArrayNotFoundException"/> (also for a group at the path). Metadata: explicit
    /// <paramref name="overrides"/>, then the array's funlib attributes, then the OME multiscales metadata of an enclosing
    /// image group that lists the array (<see cref="OmeAncestorMetadata"/>), then funlib's defaults.
    /// </summary>
    public static VolumeArray Open(string path, AccessMode mode = AccessMode.Read, MetadataOverrides? overrides = null, IEnumerable<DatasetOp>? ops = null)
    {
        if (mode is AccessMode.Overwrite or AccessMode.CreateNew)
        {
            throw new ArgumentException($"cannot open '{path}' with mode {mode.ToModeString()}: creating an array needs Prepare with a shape", nameof(mode));
        }

        var writable = mode != AccessMode.Read;
        // A read-only array does not change, so inside a snapshot one open of its path serves them all.
        var stored = writable ? MetadataSnapshot.StoredArray.Read(path, writable) : MetadataSnapshot.Read(path);
        var store = new ZarrVolumeStore(stored.Array);
        var metadata = FunlibMetadata.Parse(store.Shape.Count, stored.Attributes, overrides, store.Path, stored.Ome);
        return Over(store, metadata, ops, writable);
    }

    /// <summary>
    /// Makes sure a Zarr array as described exists, following prepare_ds: an existing array whose shape, chunk shape (when
    /// given) or data type differ raises <see cref="IncompatibleArrayException"/> unless the mode is
    /// <see cref="AccessMode.Overwrite"/> (then it is recreated); differing voxel size, types, axis names or units raise
    /// in <see cref="AccessMode.Read"/> and otherwise replace the stored metadata (data and other attributes kept); a
    /// fully compatible array is opened as is (recreated, i.e. emptied, with <see cref="AccessMode.Overwrite"/>).
    /// </summary>
    /// <remarks>
    /// Unlike funlib, shapes are compared element by element, and on a metadata update attributes other than the
    /// metadata keys are kept.
    /// </remarks>
    public static VolumeArray Prepare(string path, PrepareOptions options)
    {
        var requested = FunlibMetadata.Create(options.Shape.Length, options.Metadata, path);
        CheckCustomAttributes(path, options.CustomAttributes);
        if (options.ChunkShape is { } chunks && chunks.Length != options.Shape.Length)
        {
            throw new ArgumentException($"chunk shape [{string.Join(", ", chunks)}] and shape [{string.Join(", ", options.Shape)}] of '{path}' differ in dims");
        }

        if (ZarrArray.Exists(path))
        {
            if (options.Mode == AccessMode.CreateNew)
            {
                throw new IncompatibleArrayException($"array '{path}' already exists (mode w-)");
            }

            var existing = ZarrArray.Open(path, writable: false);
            var dataDifference = DescribeDataDifference(existing, options);
            if (dataDifference is not null)
            {
                if (options.Mode != AccessMode.Overwrite)
                {
                    throw new IncompatibleArrayException(
                        $"existing array '{path}' is not compatible with the requested one ({dataDifference}); use mode w to replace it");
                }

                return Create(path, options, requested);
            }

            var existingMetadata = FunlibMetadata.Parse(existing.Shape.Count, existing.Attributes, null, path, OmeAncestorMetadata.Find(path));
            var metadataDifference = existingMetadata.DescribeIncompatibility(requested);
            if (options.Mode == AccessMode.Overwrite)
            {
                return Create(path, options, requested);
            }

            if (metadataDifference is not null)
            {
                if (options.Mode == AccessMode.Read)
                {
                    throw new IncompatibleArrayException(
                        $"existing array '{path}' has different metadata ({metadataDifference}) and mode r does not allow replacing it");
                }

                var reopened = ZarrArray.Open(path, writable: true);
                var attributes = reopened.Attributes;
                requested.WriteTo(attributes);
                Merge(attributes, options.CustomAttributes);
                reopened.SetAttributes(attributes);
                return Over(new ZarrVolumeStore(reopened), requested, writable: true);
            }

            var writable = options.Mode != AccessMode.Read;
            var opened = ZarrArray.Open(path, writable);
            if (writable && options.CustomAttributes is { Count: > 0 })
            {
                opened.UpdateAttributes(options.CustomAttributes.DeepClone().AsObject());
            }

            return Over(new ZarrVolumeStore(opened), existingMetadata, writable: writable);
        }

        if (options.Mode is AccessMode.Read or AccessMode.ReadWrite)
        {
            throw new ArrayNotFoundException($"does not exist and mode {options.Mode.ToModeString()} does not create arrays", System.IO.Path.GetFullPath(path));
        }

        return Create(path, options, requested);
    }

    private static VolumeArray Create(string path, PrepareOptions options, FunlibMetadata metadata)
    {
        var attributes = metadata.ToAttributes();
        Merge(attributes, options.CustomAttributes);
        var array = ZarrArray.Create(
            path,
            new ZarrArrayOptions
            {
                Shape = options.Shape,
                ChunkShape = options.ChunkShape ?? DefaultChunkShape(options.Shape),
                DataType = options.DataType,
                ZarrFormat = options.ZarrFormat,
                Codecs = options.Codecs ?? [new BloscCodec(BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, options.DataType.Size)],
                FillValue = options.FillValue,
                Attributes = options.ZarrFormat == 2 ? attributes : null,
            },
            overwrite: options.Mode == AccessMode.Overwrite);
        if (options.ZarrFormat != 2)
        {
            array.SetAttributes(attributes);
        }

        return Over(new ZarrVolumeStore(array), metadata, writable: true);
    }

    private static string? DescribeDataDifference(ZarrArray existing, PrepareOptions options)
    {
        if (!existing.Shape.SequenceEqual(options.Shape))
        {
            return $"shape [{string.Join(", ", existing.Shape)}] != requested [{string.Join(", ", options.Shape)}]";
        }

        if (options.ChunkShape is { } chunks && !existing.ChunkShape.SequenceEqual(chunks))
        {
            return $"chunk shape [{string.Join(", ", existing.ChunkShape)}] != requested [{string.Join(", ", chunks)}]";
        }

        if (existing.DataType.Kind != options.DataType.Kind)
        {
            return $"dtype {existing.DataType} != requested {options.DataType}";
        }

        return null;
    }

    /// <summary>Up to 64 voxels per dim: small enough for blockwise work, large enough to keep file counts sane.</summary>
    private static int[] DefaultChunkShape(long[] shape) => [.. shape.Select(extent => (int)Math.Clamp(extent, 1, 64))];

    private static void CheckCustomAttributes(string path, JsonObject? custom)
    {
        if (custom is null)
        {
            return;
        }

        foreach (var key in FunlibMetadata.Keys)
        {
            if (custom.ContainsKey(key))
            {
                throw new ArgumentException($"custom attribute '{key}' for '{path}' collides with a metadata key");
            }
        }
    }

    private static void Merge(JsonObject target, JsonObject? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (key, value) in extra)
        {
            target[key] = value?.DeepClone();
        }
    }
}
