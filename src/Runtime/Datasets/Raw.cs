using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Datasets;

/// <summary>Raw intensities, optionally normalised by OMERO windows and/or scaled and shifted on read.</summary>
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record Raw : Dataset
{
    /// <summary>A Zarr group (or array) whose <c>omero.channels[i].window.{min,max}</c> normalise channel i of axis 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("ome_norm")]
    public string? OmeNorm { get; init; }

    /// <summary><c>[scale, shift]</c>: <c>x · scale + shift</c> in float32.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("scale_shift")]
    public IReadOnlyList<double>? ScaleShift { get; init; }

    /// <summary>Another dataset concatenated along axis 0 after this one's ome_norm/scale_shift (the result is read-only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("stack")]
    public Dataset? Stack { get; init; }

    /// <summary><c>{"bounds": [[min, max], ...]}</c> with the OMERO windows when <see cref="OmeNorm"/> is set, else empty.</summary>
    public override JsonObject Attrs
    {
        get
        {
            if (OmeNorm is null)
            {
                return [];
            }

            var bounds = new JsonArray();
            foreach (var (minimum, maximum) in OmeroWindows())
            {
                bounds.Add((JsonNode)new JsonArray(minimum.DeepClone(), maximum.DeepClone()));
            }

            return new JsonObject { ["bounds"] = bounds };
        }
    }

    protected override IEnumerable<DatasetOp> KeywordValueOps()
    {
        if (OmeNorm is not null)
        {
            var windows = OmeroWindows();
            yield return new Normalize(
                [.. windows.Select(window => window.Minimum.GetValue<double>())],
                [.. windows.Select(window => window.Maximum.GetValue<double>())]);
        }

        if (ScaleShift is { } scaleShift)
        {
            if (scaleShift.Count != 2)
            {
                throw new InvalidDatasetException($"scale_shift of dataset '{Store}' must be [scale, shift], got {scaleShift.Count} values");
            }

            yield return new Ops.ScaleShift(scaleShift[0], scaleShift[1]);
        }
    }

    public bool Equals(Raw? other) =>
        base.Equals(other) && OmeNorm == other.OmeNorm && SameSequence(ScaleShift, other.ScaleShift) && Equals(Stack, other.Stack);

    protected override VolumeArray OpenWithOps(AccessMode mode)
    {
        if (Stack is null)
        {
            return base.OpenWithOps(mode);
        }

        // volara's order: this dataset's value keywords, then the stack, then channels, flip and ops on the result.
        var own = VolumeArray.Open(Store, AccessMode.Read, Overrides, KeywordValueOps());
        var stacked = new StackedVolumeStore([own, Stack.Array()]);
        var metadata = FunlibMetadata.Create(own.Dims, new MetadataOverrides
        {
            AxisNames = own.AxisNames,
            Types = own.Types,
            VoxelSize = own.VoxelSize,
            Offset = own.Offset,
            Units = own.Units,
        }, stacked.Path);
        return VolumeArray.Over(stacked, metadata, SelectionOps(), writable: false);
    }

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), OmeNorm);

    private List<(JsonNode Minimum, JsonNode Maximum)> OmeroWindows()
    {
        var attributes = ZarrGroup.Exists(OmeNorm!) ? ZarrGroup.Open(OmeNorm!).Attributes : ZarrArray.Open(OmeNorm!).Attributes;
        if (attributes["omero"]?["channels"] is not JsonArray channels)
        {
            throw new InvalidDatasetException($"ome_norm '{OmeNorm}' of dataset '{Store}' has no omero.channels attribute");
        }

        var windows = new List<(JsonNode, JsonNode)>();
        for (var i = 0; i < channels.Count; i++)
        {
            if (channels[i]?["window"]?["min"] is not JsonValue minimum || channels[i]?["window"]?["max"] is not JsonValue maximum)
            {
                throw new InvalidDatasetException($"ome_norm '{OmeNorm}' of dataset '{Store}': omero.channels[{i}].window lacks min or max");
            }

            windows.Add((minimum, maximum));
        }

        return windows;
    }
}
