using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets;

/// <summary>
/// A volara dataset description: where an array lives, metadata overrides, and the lazy operations applied when it is
/// opened. Serialised with a <c>"dataset_type"</c> discriminator (<c>raw</c>, <c>affs</c>, <c>labels</c>, <c>lsd</c>).
/// </summary>
/// <remarks>
/// Operations are applied in volara's fixed keyword order (<c>ome_norm</c>, <c>scale_shift</c>, <c>channels</c>,
/// <c>flip</c>) followed by the explicit <see cref="Ops"/> list.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "dataset_type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(Raw), "raw")]
[JsonDerivedType(typeof(Affs), "affs")]
[JsonDerivedType(typeof(Labels), "labels")]
[JsonDerivedType(typeof(Lsd), "lsd")]
public abstract record Dataset
{
    /// <summary>Path of the Zarr array.</summary>
    [JsonPropertyName("store")]
    public required string Store { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("voxel_size")]
    public Coordinate? VoxelSize { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("offset")]
    public Coordinate? Offset { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("axis_names")]
    public IReadOnlyList<string>? AxisNames { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("units")]
    public IReadOnlyList<string>? Units { get; init; }

    /// <summary>False: the array may only be opened with mode r.</summary>
    [JsonPropertyName("writable")]
    public bool Writable { get; init; } = true;

    /// <summary>Channel selection applied to axis 0 (see <see cref="SelectChannels"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("channels")]
    [JsonConverter(typeof(ChannelSelectionJsonConverter))]
    public IReadOnlyList<ChannelSelector>? Channels { get; init; }

    /// <summary>Axes to reverse, indices into the array after <see cref="Channels"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("flip")]
    public IReadOnlyList<int>? Flip { get; init; }

    /// <summary>Further operations, applied after the keyword operations.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("ops")]
    public IReadOnlyList<DatasetOp>? Ops { get; init; }

    /// <summary>The last path component of <see cref="Store"/>.</summary>
    [JsonIgnore]
    public string Name => System.IO.Path.GetFileName(Store.TrimEnd('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Attributes this kind of dataset writes next to the metadata when prepared.</summary>
    [JsonIgnore]
    public abstract JsonObject Attrs { get; }

    /// <summary>All operations in application order.</summary>
    public IReadOnlyList<DatasetOp> ResolvedOps() => [.. KeywordValueOps(), .. SelectionOps()];

    /// <summary>The operations after the value keywords: channels, flip, then <see cref="Ops"/>.</summary>
    protected IReadOnlyList<DatasetOp> SelectionOps()
    {
        var ops = new List<DatasetOp>();
        if (Channels is { Count: > 0 } channels)
        {
            ops.Add(new SelectChannels(channels));
        }

        if (Flip is { Count: > 0 } flip)
        {
            ops.Add(new ReverseAxes(flip));
        }

        ops.AddRange(Ops ?? []);
        return ops;
    }

    /// <summary>Creates or opens the array (prepare_ds mode a) and writes <see cref="Attrs"/> next to the metadata.</summary>
    public VolumeArray Prepare(
        long[] shape,
        int[]? chunkShape,
        Coordinate offset,
        Coordinate voxelSize,
        IReadOnlyList<string> units,
        IReadOnlyList<string> axisNames,
        IReadOnlyList<string> types,
        DataType dataType)
    {
        if (!Writable)
        {
            throw new VolumeReadOnlyException($"dataset '{Store}' is not writable and cannot be prepared");
        }

        return VolumeArray.Prepare(Store, new PrepareOptions
        {
            Shape = shape,
            ChunkShape = chunkShape,
            Offset = offset,
            VoxelSize = voxelSize,
            Units = units,
            AxisNames = axisNames,
            Types = types,
            DataType = dataType,
            Mode = AccessMode.Append,
            CustomAttributes = Attrs,
        });
    }

    /// <summary>
    /// Opens the array with the metadata overrides and operations. Modes other than r are refused when the dataset is not
    /// writable or its operations make it read-only.
    /// </summary>
    public VolumeArray Array(AccessMode mode = AccessMode.Read)
    {
        if (mode != AccessMode.Read && !Writable)
        {
            throw new VolumeReadOnlyException($"dataset '{Store}' is not writable; open it with mode r (requested {mode.ToModeString()})");
        }

        var array = OpenWithOps(mode);
        if (mode != AccessMode.Read && array.ReadOnlyReason is { } reason)
        {
            throw new VolumeReadOnlyException($"dataset '{Store}' is read-only with its operations ({reason}); open it with mode r");
        }

        return array;
    }

    /// <summary>Deletes the local store (missing is fine). URLs cannot be deleted here.</summary>
    public void Drop()
    {
        var path = Store;
        var schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var scheme = path[..schemeEnd];
            if (scheme != "file")
            {
                throw new ArgumentException($"dataset store '{Store}' is a {scheme}:// URL this method cannot delete");
            }

            path = path[(schemeEnd + 3)..];
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public virtual bool Equals(Dataset? other) =>
        other is not null
        && EqualityContract == other.EqualityContract
        && Store == other.Store
        && VoxelSize == other.VoxelSize
        && Offset == other.Offset
        && SameSequence(AxisNames, other.AxisNames)
        && SameSequence(Units, other.Units)
        && Writable == other.Writable
        && SameSequence(Channels, other.Channels)
        && SameSequence(Flip, other.Flip)
        && SameSequence(Ops, other.Ops);

    public override int GetHashCode() => HashCode.Combine(EqualityContract, Store, VoxelSize, Offset, Writable);

    /// <summary>The metadata overrides of this description.</summary>
    protected MetadataOverrides Overrides => new() { Offset = Offset, VoxelSize = VoxelSize, AxisNames = AxisNames, Units = Units };

    /// <summary>Opens the store with every operation applied.</summary>
    protected virtual VolumeArray OpenWithOps(AccessMode mode) => VolumeArray.Open(Store, mode, Overrides, ResolvedOps());

    /// <summary>The value operations that come from keyword fields of the concrete kind, in volara's order.</summary>
    protected virtual IEnumerable<DatasetOp> KeywordValueOps() => [];

    protected static bool SameSequence<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}
