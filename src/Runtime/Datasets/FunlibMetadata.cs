using System.Text.Json.Nodes;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Datasets;

/// <summary>
/// The funlib.persistence metadata of an array: which dims are physical (space/time, addressed in world units) and
/// their voxel size, offset and units, plus names and types of every dim. Stored as the zarr attributes
/// <c>voxel_size</c>, <c>offset</c>, <c>units</c> (physical dims only), <c>axis_names</c> and <c>types</c> (all dims).
/// </summary>
public sealed class FunlibMetadata
{
    public const string OffsetKey = "offset";
    public const string VoxelSizeKey = "voxel_size";
    public const string AxisNamesKey = "axis_names";
    public const string UnitsKey = "units";
    public const string TypesKey = "types";

    /// <summary>The attribute keys this convention owns.</summary>
    public static IReadOnlyList<string> Keys { get; } = [OffsetKey, VoxelSizeKey, AxisNamesKey, UnitsKey, TypesKey];

    private readonly int[] _physicalAxes;

    private FunlibMetadata(Coordinate offset, Coordinate voxelSize, string[] axisNames, string[] units, string[] types)
    {
        Offset = offset;
        VoxelSize = voxelSize;
        AxisNames = axisNames;
        Units = units;
        Types = types;
        var physical = new List<int>();
        for (var i = 0; i < types.Length; i++)
        {
            if (AxisTypes.IsPhysical(types[i]))
            {
                physical.Add(i);
            }
        }

        _physicalAxes = [.. physical];
    }

    /// <summary>All dims, channels included.</summary>
    public int Dims => Types.Count;

    /// <summary>Number of space/time dims.</summary>
    public int PhysicalDims => _physicalAxes.Length;

    /// <summary>Number of non-physical dims (channels, samples, ...).</summary>
    public int ChannelDims => Dims - PhysicalDims;

    /// <summary>World offset of the physical dims.</summary>
    public Coordinate Offset { get; }

    /// <summary>World size of one voxel along each physical dim.</summary>
    public Coordinate VoxelSize { get; }

    /// <summary>Names of all dims; channel dims conventionally end in <c>^</c>.</summary>
    public IReadOnlyList<string> AxisNames { get; }

    /// <summary>Units of the physical dims.</summary>
    public IReadOnlyList<string> Units { get; }

    /// <summary>Types of all dims (<c>space</c>, <c>time</c>, <c>channel</c>, ...).</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>Indices (among all dims) of the physical dims, in order.</summary>
    public IReadOnlyList<int> PhysicalAxes => _physicalAxes;

    /// <summary>True when dim <paramref name="axis"/> is space or time.</summary>
    public bool IsPhysical(int axis) => AxisTypes.IsPhysical(Types[axis]);

    /// <summary>
    /// Builds complete metadata for a <paramref name="dims"/>-D array from whatever is given, with funlib's rules:
    /// offset/voxel size/units may cover the physical dims or (with types) all dims; the number of physical dims must be
    /// agreed on by every given field; missing fields get defaults (offset 0, voxel size 1, units "", names
    /// <c>c0^…</c>/<c>d0…</c>, channel dims first).
    /// </summary>
    public static FunlibMetadata Create(int dims, MetadataOverrides values, string? arrayPath = null)
    {
        var where = arrayPath is null ? string.Empty : $" of array '{arrayPath}'";
        if (values.AxisNames is { } names && names.Count != dims)
        {
            throw new InvalidMetadataException($"axis_names{where} has {names.Count} entries but the array has {dims} dims: [{string.Join(", ", names)}]");
        }

        var types = values.Types?.ToArray();
        if (types is not null && types.Length != dims)
        {
            throw new InvalidMetadataException($"types{where} has {types.Length} entries but the array has {dims} dims: [{string.Join(", ", types)}]");
        }

        var offset = values.Offset?.ToArray();
        var voxelSize = values.VoxelSize?.ToArray();
        var units = values.Units?.ToArray();

        // Types that only come from '^' names still tell which dims are physical (funlib's deprecated path).
        var knownTypes = types ?? (values.AxisNames is { } axisNames ? InferTypes(axisNames) : null);
        if (types is not null)
        {
            offset = DropNonPhysical(offset, types, OffsetKey, where);
            voxelSize = DropNonPhysical(voxelSize, types, VoxelSizeKey, where);
            units = DropNonPhysical(units, types, UnitsKey, where);
        }

        var candidates = new SortedSet<int>();
        if (units is not null)
        {
            candidates.Add(units.Length);
        }

        if (voxelSize is not null)
        {
            candidates.Add(voxelSize.Length);
        }

        if (offset is not null)
        {
            candidates.Add(offset.Length);
        }

        if (knownTypes is not null)
        {
            candidates.Add(knownTypes.Count(AxisTypes.IsPhysical));
        }

        if (candidates.Count > 1)
        {
            throw new InvalidMetadataException(
                $"Given physical dimensions are ambiguous{where}: units {Describe(units)}, voxel_size {Describe(voxelSize)}, " +
                $"offset {Describe(offset)}, types {Describe(knownTypes)} disagree on the number of physical dims");
        }

        var physicalDims = candidates.Count == 1 ? candidates.Min : dims;
        if (physicalDims > dims)
        {
            throw new InvalidMetadataException($"metadata{where} describes {physicalDims} physical dims but the array has only {dims} dims");
        }

        var channelDims = dims - physicalDims;
        knownTypes ??= [.. Enumerable.Repeat(AxisTypes.Channel, channelDims), .. Enumerable.Repeat(AxisTypes.Space, physicalDims)];
        var finalNames = values.AxisNames?.ToArray() ?? DefaultNames(knownTypes);
        var finalOffset = offset is null ? Coordinate.Filled(physicalDims, 0) : new Coordinate(offset.AsSpan());
        var finalVoxelSize = voxelSize is null ? Coordinate.Filled(physicalDims, 1) : new Coordinate(voxelSize.AsSpan());
        CheckBounded(finalOffset, OffsetKey, where, allowZero: true);
        CheckBounded(finalVoxelSize, VoxelSizeKey, where, allowZero: false);
        return new FunlibMetadata(finalOffset, finalVoxelSize, finalNames, units ?? [.. Enumerable.Repeat(string.Empty, physicalDims)], [.. knownTypes]);
    }

    /// <summary>
    /// Reads the funlib attributes of an array with <paramref name="dims"/> dims; explicit <paramref name="overrides"/> beat
    /// stored values field by field, and stored values beat <paramref name="fallback"/> (e.g. OME metadata of an
    /// enclosing image). Float values are truncated to integers as funlib does.
    /// </summary>
    public static FunlibMetadata Parse(
        int dims, JsonObject? attributes, MetadataOverrides? overrides = null, string? arrayPath = null, MetadataOverrides? fallback = null)
    {
        overrides ??= MetadataOverrides.None;
        fallback ??= MetadataOverrides.None;
        var where = arrayPath is null ? string.Empty : $" of array '{arrayPath}'";
        var stored = new MetadataOverrides
        {
            Offset = ReadCoordinate(attributes, OffsetKey, where),
            VoxelSize = ReadCoordinate(attributes, VoxelSizeKey, where),
            AxisNames = ReadStrings(attributes, AxisNamesKey, where),
            Units = ReadStrings(attributes, UnitsKey, where),
            Types = ReadStrings(attributes, TypesKey, where),
        };
        return Create(
            dims,
            new MetadataOverrides
            {
                Offset = overrides.Offset ?? stored.Offset ?? fallback.Offset,
                VoxelSize = overrides.VoxelSize ?? stored.VoxelSize ?? fallback.VoxelSize,
                AxisNames = overrides.AxisNames ?? stored.AxisNames ?? fallback.AxisNames,
                Units = overrides.Units ?? stored.Units ?? fallback.Units,
                Types = overrides.Types ?? stored.Types ?? fallback.Types,
            },
            arrayPath);
    }

    /// <summary>Writes the five funlib keys into <paramref name="attributes"/> (replacing them), as prepare_ds does.</summary>
    public void WriteTo(JsonObject attributes)
    {
        attributes[AxisNamesKey] = ToJson(AxisNames);
        attributes[UnitsKey] = ToJson(Units);
        attributes[VoxelSizeKey] = ToJson(VoxelSize);
        attributes[OffsetKey] = ToJson(Offset);
        attributes[TypesKey] = ToJson(Types);
    }

    /// <summary>The five funlib keys as a new attribute object.</summary>
    public JsonObject ToAttributes()
    {
        var attributes = new JsonObject();
        WriteTo(attributes);
        return attributes;
    }

    /// <summary>
    /// prepare_ds's metadata compatibility: equal voxel size, types, axis names and units (the offset is not compared),
    /// compared element-wise. Returns a description of the first difference, or null when compatible.
    /// </summary>
    public string? DescribeIncompatibility(FunlibMetadata other)
    {
        if (VoxelSize != other.VoxelSize)
        {
            return $"voxel_size {VoxelSize} != {other.VoxelSize}";
        }

        if (!Types.SequenceEqual(other.Types))
        {
            return $"types [{string.Join(", ", Types)}] != [{string.Join(", ", other.Types)}]";
        }

        if (!AxisNames.SequenceEqual(other.AxisNames))
        {
            return $"axis_names [{string.Join(", ", AxisNames)}] != [{string.Join(", ", other.AxisNames)}]";
        }

        if (!Units.SequenceEqual(other.Units))
        {
            return $"units [{string.Join(", ", Units)}] != [{string.Join(", ", other.Units)}]";
        }

        return null;
    }

    public override string ToString() =>
        $"axis_names=[{string.Join(", ", AxisNames)}] types=[{string.Join(", ", Types)}] voxel_size={VoxelSize} offset={Offset} units=[{string.Join(", ", Units)}]";

    private static string[] InferTypes(IReadOnlyList<string> axisNames)
    {
        var types = new string[axisNames.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = axisNames[i].EndsWith(AxisTypes.ChannelMarker, StringComparison.Ordinal) ? AxisTypes.Channel : AxisTypes.Space;
        }

        return types;
    }

    private static string[] DefaultNames(IReadOnlyList<string> types)
    {
        var names = new string[types.Count];
        int physical = 0, channel = 0;
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = AxisTypes.IsPhysical(types[i]) ? $"d{physical++}" : $"c{channel++}{AxisTypes.ChannelMarker}";
        }

        return names;
    }

    private static T[]? DropNonPhysical<T>(T[]? values, string[] types, string field, string where)
    {
        if (values is null)
        {
            return null;
        }

        var physicalDims = types.Count(AxisTypes.IsPhysical);
        if (values.Length == physicalDims)
        {
            return values;
        }

        if (values.Length != types.Length)
        {
            throw new InvalidMetadataException(
                $"{field}{where} has {values.Length} entries, which is not compatible with types [{string.Join(", ", types)}] " +
                $"({physicalDims} physical dims, {types.Length} dims)");
        }

        var kept = new List<T>(physicalDims);
        for (var i = 0; i < types.Length; i++)
        {
            if (AxisTypes.IsPhysical(types[i]))
            {
                kept.Add(values[i]);
            }
        }

        return [.. kept];
    }

    private static void CheckBounded(Coordinate value, string field, string where, bool allowZero)
    {
        for (var i = 0; i < value.Dims; i++)
        {
            if (value[i] is not { } element)
            {
                throw new InvalidMetadataException($"{field}{where} must not contain null: {value}");
            }

            if (!allowZero && element <= 0)
            {
                throw new InvalidMetadataException($"{field}{where} must be positive: {value}");
            }
        }
    }

    private static Coordinate? ReadCoordinate(JsonObject? attributes, string key, string where)
    {
        if (attributes?[key] is not { } node)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new InvalidMetadataException($"attribute '{key}'{where} must be a list of numbers, found {node.ToJsonString()}");
        }

        var elements = new long?[array.Count];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = array[i] switch
            {
                null => null,
                JsonValue value when value.TryGetValue<long>(out var integer) => integer,
                JsonValue value when value.TryGetValue<double>(out var real) && double.IsFinite(real) => (long)Math.Truncate(real),
                var other => throw new InvalidMetadataException($"attribute '{key}'{where} element {i} is not a number: {other.ToJsonString()}"),
            };
        }

        return new Coordinate(elements.AsSpan());
    }

    private static string[]? ReadStrings(JsonObject? attributes, string key, string where)
    {
        if (attributes?[key] is not { } node)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new InvalidMetadataException($"attribute '{key}'{where} must be a list of strings, found {node.ToJsonString()}");
        }

        var values = new string[array.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = array[i] is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw new InvalidMetadataException($"attribute '{key}'{where} element {i} is not a string: {array[i]?.ToJsonString() ?? "null"}");
        }

        return values;
    }

    private static JsonArray ToJson(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)value);
        }

        return array;
    }

    private static JsonArray ToJson(Coordinate values)
    {
        var array = new JsonArray();
        for (var i = 0; i < values.Dims; i++)
        {
            array.Add((JsonNode)values.ValueAt(i));
        }

        return array;
    }

    private static string Describe<T>(IReadOnlyCollection<T>? values) => values is null ? "(not given)" : $"({values.Count} entries)";
}
